//! Writes the seed corpus into DIR/<target>/ (default `corpus`): genuine signed and sealed
//! cookies, written now under the fuzzing keyring, next to forged, duplicated and malformed
//! headers. `run.sh` calls it before every run, since the genuine cookies expire after two
//! days and an expired cookie never reaches the payload decoder.

#[path = "fuzz_targets/common.rs"]
mod common;

use std::path::Path;

use common::{Plain, Sealed, Signed};

fn value(line: &str) -> &str {
    let pair = line.split(';').next().unwrap_or_default();
    pair.split_once('=').map_or("", |(_, v)| v)
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "corpus".to_owned());
    let keys = common::keys();
    let signed = Signed {
        user_id: 7,
        role: "user".to_owned(),
        tags: vec![],
        admin: None,
    }
    .to_set_cookie(&keys)
    .expect("the signed seed writes");
    let sealed = Sealed {
        user_id: 42,
        role: "admin".to_owned(),
        tags: vec!["a".to_owned(), "b".to_owned()],
        admin: Some(true),
    }
    .to_set_cookie(&keys)
    .expect("the sealed seed writes");
    let theme = Plain {
        mode: "dark".to_owned(),
        size: Some(3),
    }
    .to_set_cookie()
    .expect("the plain seed writes");
    let (signed, sealed, theme) = (value(&signed), value(&sealed), value(&theme));
    // The genuine values of this run, for the oracle: the seeds above and a few more.
    let mut genuine = format!("signed {signed}\nsealed {sealed}\n");
    for i in 0..4u64 {
        let more = Signed {
            user_id: i,
            role: "user".to_owned(),
            tags: vec![i.to_string()],
            admin: Some(i % 2 == 0),
        };
        genuine.push_str(&format!(
            "signed {}\n",
            value(
                &more
                    .to_set_cookie(&keys)
                    .expect("a genuine signed cookie writes")
            )
        ));
        let more = Sealed {
            user_id: i,
            role: "admin".to_owned(),
            tags: vec![],
            admin: None,
        };
        genuine.push_str(&format!(
            "sealed {}\n",
            value(
                &more
                    .to_set_cookie(&keys)
                    .expect("a genuine sealed cookie writes")
            )
        ));
    }
    for i in 0..3u32 {
        let mut rest = serde_json::Map::new();
        rest.insert("_fresh".to_owned(), serde_json::Value::Bool(true));
        rest.insert("pad".to_owned(), "x".repeat(50 * i as usize).into());
        let flask = common::FlaskSession {
            user_id: i.to_string(),
            rest: rest.clone(),
        }
        .to_set_cookie(&common::flask_secret())
        .expect("a genuine flask session writes");
        genuine.push_str(&format!("flask {}\n", value(&flask)));
        let django = common::DjangoSession {
            user_id: i.to_string(),
            rest,
        }
        .to_set_cookie(&common::django_secret())
        .expect("a genuine django session writes");
        genuine.push_str(&format!("django {}\n", value(&django)));
        let mut rest = serde_json::Map::new();
        rest.insert("csrf".to_owned(), "token".into());
        let rails = common::RailsUser { id: i.into(), rest }
            .to_set_cookie(&common::rails_secret())
            .expect("a genuine rails cookie writes");
        genuine.push_str(&format!("rails {}\n", value(&rails)));
    }
    std::fs::create_dir_all(&dir)?;
    std::fs::write(Path::new(&dir).join("genuine.txt"), &genuine)?;
    let seeds = [
        format!("theme=dark; session={sealed}; lang=en"),
        format!("session={signed}"),
        format!("session=forged; session={sealed}"),
        format!("theme={theme}; session={signed}"),
        "theme=\"dark\"; a=1;b=2 ; c".to_owned(),
        "session=; session=AQIAAAAA".to_owned(),
        format!("{}; session={sealed}", "x=1; ".repeat(40)),
    ];
    for target in [
        "header",
        "read_plain",
        "read_signed",
        "read_sealed",
        "read_flask",
        "read_django",
        "read_rails",
    ] {
        let out = Path::new(&dir).join(target);
        std::fs::create_dir_all(&out)?;
        for (i, seed) in seeds.iter().enumerate() {
            std::fs::write(out.join(format!("seed-{i}")), seed)?;
        }
        for (i, line) in genuine.lines().enumerate() {
            let (kind, v) = line.split_once(' ').unwrap_or_default();
            let name = if kind == "django" {
                "sessionid"
            } else {
                "session"
            };
            std::fs::write(out.join(format!("genuine-{i}")), format!("{name}={v}"))?;
        }
    }
    Ok(())
}
