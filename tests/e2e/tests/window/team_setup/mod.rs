//! Two laptops of one team, for the team tests (team.rs, team_inbox.rs): started and joined
//! through the core, which is quicker than the window (team_invitation.rs does it there).

use std::path::Path;
use tagdesk_core::demo::{self, DemoSpec};
use tagdesk_core::{clock, db, team};

/// The colleague's laptop, as the owner's Team page names it.
pub const COLLEAGUE_DEVICE: &str = "李雷的笔记本";

/// The owner's laptop: a demo database started as team 销售部 (by 王芳) in `shared`, and the
/// colleague's (李雷) database joined from that folder.
pub fn owner_and_colleague(shared: &Path, owner: &Path, colleague: &Path) {
    let mut conn = db::create(&owner.join("demo.sqlite")).unwrap();
    let spec = DemoSpec {
        customers: 300,
        ..DemoSpec::small()
    };
    demo::generate(&mut conn, &spec).unwrap();
    team::start(&conn, shared, "销售部", "王芳", clock::now()).unwrap();
    drop(conn);
    team::join(
        shared,
        &colleague.join("demo.sqlite"),
        COLLEAGUE_DEVICE,
        "李雷",
        clock::now(),
    )
    .unwrap();
}
