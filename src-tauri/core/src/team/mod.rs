//! A team: laptops that share one customer base and tag system, each working offline and
//! exchanging its operations through a shared folder or a file (docs/TEAM.md).

pub mod exchange;
