//! `issuer-key new` and `invite`: a token survey's issuer key, and the
//! one-time invitation codes a school prints for its families
//! (`docs/spec/survey-tokens.md`).

use std::fmt::Write as _;
use std::path::Path;

use jianfu_core::Survey;
use jianfu_inbox::issuer::{self, IssuerKeyFile};

use crate::Status;
use crate::input;

/// Writes a new issuer key for `survey` (owner-only, never over a file)
/// and prints the fields the survey definition needs.
pub(crate) fn new_key(survey: &str, out: &Path, bits: usize, issue_url: &str) -> Status {
    let key = match IssuerKeyFile::generate(survey, bits) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("{e}");
            return Status::Invalid;
        }
    };
    let text = match key.to_json() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return Status::Invalid;
        }
    };
    if let Err(e) = crate::keys::write_private(out, &format!("{text}\n")) {
        eprintln!("{}: cannot write the key: {e}", out.display());
        return Status::Invalid;
    }
    // What goes into the survey definition: the inbox checks tokens with it.
    println!("{:#}", key.survey_fields(issue_url));
    Status::Ok
}

/// Reads an issuer key file.
pub(crate) fn read_key(path: &Path) -> Result<IssuerKeyFile, String> {
    input::refuse_if_shared(path, "the issuer key file")?;
    let text = input::read_file(path).map_err(|e| e.to_string())?;
    IssuerKeyFile::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// What `invite` is given.
pub(crate) struct Args<'a> {
    pub(crate) survey: &'a Path,
    pub(crate) key: &'a Path,
    pub(crate) issuer_db: &'a Path,
    pub(crate) count: usize,
    pub(crate) out: &'a Path,
    pub(crate) app: Option<&'a str>,
    pub(crate) survey_url: Option<&'a str>,
    pub(crate) slips: Option<&'a Path>,
}

/// Makes `count` codes, records their keyed hashes in the issuer's store,
/// and writes them (CSV: code, link) and, if asked, a printable page of
/// slips with a QR code each.
pub(crate) fn run(args: &Args<'_>) -> Status {
    match invite(args) {
        Ok(n) => {
            eprintln!(
                "{n} invitation codes written to {}; the issuer keeps only their keyed hashes. Destroy the file once the slips are printed.",
                args.out.display()
            );
            Status::Ok
        }
        Err(e) => {
            eprintln!("{e}");
            Status::Invalid
        }
    }
}

fn invite(args: &Args<'_>) -> Result<usize, String> {
    let survey = input::read_survey(args.survey)?;
    let key = read_key(args.key)?;
    check_pair(&survey, &key, args)?;
    if args.count == 0 {
        return Err("--count: at least 1".into());
    }
    if args.out.exists() {
        return Err(format!(
            "{}: exists; invitation codes are never written over a file",
            args.out.display()
        ));
    }
    let codes = issuer::invite(&key, args.issuer_db, args.count)
        .map_err(|e| format!("{}: {e}", args.issuer_db.display()))?;
    let link = |code: &jianfu_core::invite::InviteCode| match (args.app, args.survey_url) {
        (Some(app), Some(url)) => Some(jianfu_core::invite::invitation_link(app, url, *code)),
        _ => None,
    };
    let mut csv = String::from("code,link\n");
    for code in &codes {
        let _ = writeln!(csv, "{code},{}", link(code).unwrap_or_default());
    }
    crate::keys::write_private(args.out, &csv)
        .map_err(|e| format!("{}: {e}", args.out.display()))?;
    if let Some(path) = args.slips {
        let page = slips(&survey, &codes, &link)?;
        crate::keys::write_private(path, &page).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(codes.len())
}

/// The key must be the survey's: the same id, and the key the survey
/// definition publishes, or every family's redemption would fail.
fn check_pair(survey: &Survey, key: &IssuerKeyFile, args: &Args<'_>) -> Result<(), String> {
    if key.survey != survey.id {
        return Err(format!(
            "{}: the key is for survey \"{}\", not \"{}\"",
            args.key.display(),
            key.survey,
            survey.id
        ));
    }
    match &survey.issuer {
        None => Err(format!(
            "{}: not a token survey; add \"tokens\": true and the issuer printed by `jianfu issuer-key new`",
            args.survey.display()
        )),
        Some(i) if i.key_id != key.key_id() => Err(format!(
            "{}: issuer.key_id is {}, but {} holds key {}",
            args.survey.display(),
            i.key_id,
            args.key.display(),
            key.key_id()
        )),
        Some(_) => Ok(()),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A printable page: one slip per code, with the survey's title, the code
/// in groups of four and, when there is a link, its QR code.
fn slips(
    survey: &Survey,
    codes: &[jianfu_core::invite::InviteCode],
    link: &dyn Fn(&jianfu_core::invite::InviteCode) -> Option<String>,
) -> Result<String, String> {
    let title = escape(survey.title.pick("zh-CN"));
    // The issuer key every family's app checks against the directory
    // (formats.md §6 `issuer_keys`), printed so a parent can compare it
    // with the survey form and with other families' slips.
    let key = survey
        .issuer
        .as_ref()
        .map(|i| {
            format!(
                "<p class=\"key\">签发密钥 / issuer key: <code>{}</code></p>",
                i.key_id
            )
        })
        .unwrap_or_default();
    let mut page = format!(
        "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title} · 邀请码</title>\n<style>\
         body{{font-family:sans-serif;margin:0}}\
         .slip{{display:inline-block;width:88mm;box-sizing:border-box;border:1px dashed #888;padding:4mm;margin:2mm;vertical-align:top;break-inside:avoid}}\
         .code{{font:bold 15pt monospace;letter-spacing:1px}} .qr svg{{width:34mm;height:34mm}} p{{margin:1mm 0;font-size:10pt}}\
         </style></head><body>\n"
    );
    for code in codes {
        let qr = match link(code) {
            Some(url) => {
                let svg = jianfu_core::qr::encode(&url)
                    .ok_or_else(|| format!("QR code: {url} is too long for one"))?
                    .to_svg("邀请链接 / invitation link");
                format!(
                    "<div class=\"qr\" data-link=\"{}\">{svg}</div>",
                    escape(&url)
                )
            }
            None => String::new(),
        };
        let _ = writeln!(
            page,
            "<div class=\"slip\"><p><strong>{title}</strong></p><p>匿名问卷邀请码（每户一份，只能用一次）</p>\
             <p class=\"code\">{code}</p>{qr}<p>用手机扫码，或在家长应用的问卷页输入邀请码。请勿转交他人。</p>{key}</div>"
        );
    }
    page.push_str("</body></html>\n");
    Ok(page)
}
