//! `cargo bench -p ardesk-app --bench import`: importing a Common Transfer File of 2,000 pupils
//! with EHC plans, two contacts each, into an empty caseload on disk (read, matched, merged,
//! written in one transaction), and importing it again (every pupil unchanged). Issue 14's
//! target: under one second. The file is synthetic and made here. Prints best and median.

// A benchmark aborts on a setup failure; it never handles user data.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use ardesk_app::{App, FixedClock};
use ardesk_intake::pupils::upn_check_letter;
use chrono::NaiveDate;

const PUPILS: usize = 2_000;
const RUNS: usize = 7;

fn upn(n: usize) -> String {
    let rest = format!("9999999{:02}{:03}", 10 + n / 1000, n % 1000);
    format!("{}{rest}", upn_check_letter(&rest).unwrap())
}

fn ctf() -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CTfile><Header><DocumentName>Common Transfer File</DocumentName>\
         <CTFversion>25.0</CTFversion></Header><CTFpupilData>\n",
    );
    for n in 0..PUPILS {
        x.push_str(&format!(
            "<Pupil><UPN>{upn}</UPN><Surname>Benchmarkson{n}</Surname><Forename>Synthetic</Forename>\
             <DOB>2014-0{m}-1{d}</DOB><Sex>F</Sex><BasicDetails><PreferredForename>Syn</PreferredForename>\
             <NCyearActual>7</NCyearActual></BasicDetails>\
             <SENhistory><SEN><StartDate>2020-09-01</StartDate><SENprovision>E</SENprovision></SEN>\
             <SENneeds><SENneed><SENtypeRank>1</SENtypeRank><SENtype>ASD</SENtype></SENneed></SENneeds></SENhistory>\
             <Address><BS7666Address><PAON>{n}</PAON><Street>Benchmark Road</Street><Town>Sampletown</Town>\
             </BS7666Address><PostCode>ZZ99 1AA</PostCode></Address><Contacts>\
             <Contact><Order>1</Order><Title>Mrs</Title><Surname>Benchmarkson{n}</Surname><Forename>Parent</Forename>\
             <Relationship>PAM</Relationship><Responsibility>true</Responsibility>\
             <Address><AddressAsPupil>true</AddressAsPupil></Address><Email>parent{n}@example.org</Email></Contact>\
             <Contact><Order>2</Order><Title>Mr</Title><Surname>Benchmarkson{n}</Surname><Forename>Other</Forename>\
             <Relationship>PAF</Relationship><Responsibility>true</Responsibility>\
             <Phones><Phone><TelephoneType>M</TelephoneType><PhoneNo>07700 900{p:03}</PhoneNo></Phone></Phones>\
             </Contact></Contacts></Pupil>\n",
            upn = upn(n),
            m = 1 + n % 8,
            d = n % 10,
            p = n % 1000,
        ));
    }
    x.push_str("</CTFpupilData></CTfile>\n");
    x
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("{name:<58} best {:>8.1} ms   median {:>8.1} ms", ms(times[0]), ms(times[times.len() / 2]));
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pupils.xml");
    std::fs::write(&file, ctf()).unwrap();
    let (mut first, mut again) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        let db = dir.path().join(format!("run{run}.sqlite3"));
        let mut app = App::open(
            &db,
            Box::new(FixedClock::on(today)),
            "bench",
            Some(&ardesk_app::Passphrase::new("bench passphrase").unwrap()),
        )
        .unwrap();
        let start = Instant::now();
        let done = app.import_pupil_file(&file, Some("kent"), false).unwrap();
        first.push(start.elapsed());
        assert_eq!(done.added.len(), PUPILS, "{:?}", done.skipped.first());
        let start = Instant::now();
        let done = app.import_pupil_file(&file, Some("kent"), false).unwrap();
        again.push(start.elapsed());
        assert_eq!(done.unchanged.len(), PUPILS);
    }
    report(&format!("CTF import, {PUPILS} pupils into an empty caseload"), first);
    report(&format!("The same CTF again ({PUPILS} unchanged)"), again);
}
