//! How operations travel between laptops: the exchange files and the shared folder.
