//! `officer add | list | remove`: the named officers whose tokens change
//! the bureau's cases in the inbox (#30). A token is printed into a file
//! once (owner-only); the inbox's store keeps only its hash.

use std::path::Path;

use jianfu_core::Date;
use jianfu_inbox::cases;

use crate::Status;

/// Opens the inbox's store (migrating it as `jianfu inbox` would), or
/// says why not and returns `Status::Invalid`.
macro_rules! open_or_return {
    ($db:expr) => {
        match jianfu_inbox::store::open($db) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{}: {e}", $db.display());
                return Status::Invalid;
            }
        }
    };
}

/// Adds officer `name` and writes their token to `out` (never over a file).
pub(crate) fn add(db: &Path, name: &str, out: &Path, today: Date) -> Status {
    if out.exists() {
        eprintln!("{}: exists; the token goes into a new file", out.display());
        return Status::Invalid;
    }
    let conn = open_or_return!(db);
    let token = match cases::add_officer(&conn, name, today) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return Status::Invalid;
        }
    };
    if let Err(e) = crate::keys::write_private(out, &format!("{token}\n")) {
        // The officer exists but nobody has the token: take them out again.
        let _ = cases::remove_officer(&conn, name, today);
        eprintln!("{}: cannot write the token: {e}", out.display());
        return Status::Invalid;
    }
    println!(
        "officer \"{}\" added; their token is in {} (give it to them only; the inbox keeps its hash)",
        name.trim(),
        out.display()
    );
    Status::Ok
}

/// Lists the officers: name, the day added, the day removed.
pub(crate) fn list(db: &Path) -> Status {
    let conn = open_or_return!(db);
    match cases::officers(&conn) {
        Ok(all) => {
            for (name, added, removed) in all {
                match removed {
                    Some(r) => println!("{name}\tadded {added}\tremoved {r}"),
                    None => println!("{name}\tadded {added}"),
                }
            }
            Status::Ok
        }
        Err(e) => {
            eprintln!("{e}");
            Status::Invalid
        }
    }
}

/// Removes officer `name`: their token stops working at once.
pub(crate) fn remove(db: &Path, name: &str, today: Date) -> Status {
    let conn = open_or_return!(db);
    match cases::remove_officer(&conn, name, today) {
        Ok(()) => {
            println!(
                "officer \"{}\" removed; their token no longer works",
                name.trim()
            );
            Status::Ok
        }
        Err(e) => {
            eprintln!("{e}");
            Status::Invalid
        }
    }
}
