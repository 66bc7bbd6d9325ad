//! `cargo bench -p ardesk-intake --bench pupils`: reading a Common Transfer File of 2,000
//! pupils (issue 14: under one second), and a CSV of the same pupils. The files are synthetic
//! and made here: every pupil has an EHC plan or SEN support, two contacts, an address, need
//! types and a year of attendance, as a real CTF would. Prints the best and median of repeated
//! runs.

// A benchmark aborts on a setup failure; it never handles user data.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use ardesk_intake::pupils::{read_csv, read_ctf, upn_check_letter};

const PUPILS: usize = 2_000;
const RUNS: usize = 15;

fn upn(n: usize) -> String {
    let rest = format!("9999999{:02}{:03}", 10 + n / 1000, n % 1000);
    format!("{}{rest}", upn_check_letter(&rest).unwrap())
}

fn ctf() -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CTfile>\n<Header><DocumentName>Common Transfer File</DocumentName>\
         <CTFversion>25.0</CTFversion></Header>\n<CTFpupilData>\n",
    );
    for n in 0..PUPILS {
        let provision = if n % 3 == 0 { "K" } else { "E" };
        x.push_str(&format!(
            "<Pupil><UPN>{upn}</UPN><Surname>Benchmarkson{n}</Surname><Forename>Synthetic</Forename>\
             <DOB>2012-0{m}-1{d}</DOB><Sex>F</Sex>\
             <BasicDetails><PreferredForename>Syn</PreferredForename><NCyearActual>{y}</NCyearActual>\
             <Ethnicity>WOTH</Ethnicity><Languages><Type><LanguageType>F</LanguageType><Language>ENG</Language></Type>\
             </Languages></BasicDetails>\
             <Attendance><YearData><Year>2024</Year><SessionsPossible>380</SessionsPossible>\
             <AttendanceMarks>{marks}</AttendanceMarks></YearData></Attendance>\
             <SENhistory><SEN><StartDate>2020-09-01</StartDate><SENprovision>{provision}</SENprovision></SEN>\
             <SENneeds><SENneed><SENtypeRank>1</SENtypeRank><SENtype>ASD</SENtype></SENneed>\
             <SENneed><SENtypeRank>2</SENtypeRank><SENtype>SLCN</SENtype></SENneed></SENneeds></SENhistory>\
             <Address><BS7666Address><PAON>{n}</PAON><Street>Benchmark Road</Street><Town>Sampletown</Town>\
             </BS7666Address><PostCode>ZZ99 1AA</PostCode></Address>\
             <Contacts>\
             <Contact><Order>1</Order><Title>Mrs</Title><Surname>Benchmarkson{n}</Surname><Forename>Parent</Forename>\
             <Relationship>PAM</Relationship><Responsibility>true</Responsibility>\
             <Address><AddressAsPupil>true</AddressAsPupil></Address>\
             <Phones><Phone><TelephoneType>M</TelephoneType><PhoneNo>07700 900{p:03}</PhoneNo></Phone></Phones>\
             <Email>parent{n}@example.org</Email></Contact>\
             <Contact><Order>2</Order><Title>Mr</Title><Surname>Benchmarkson{n}</Surname><Forename>Other</Forename>\
             <Relationship>PAF</Relationship><Responsibility>true</Responsibility><CourtOrder>N</CourtOrder>\
             <Address><AddressLines><AddressLine1>1 Elsewhere Street</AddressLine1><AddressLine2>Notaplace</AddressLine2>\
             </AddressLines><PostCode>ZZ99 2BB</PostCode></Address></Contact>\
             </Contacts></Pupil>\n",
            upn = upn(n),
            m = 1 + n % 9,
            d = n % 10,
            y = 1 + n % 11,
            p = n % 1000,
            marks = "/\\".repeat(190),
        ));
    }
    x.push_str("</CTFpupilData>\n</CTfile>\n");
    x
}

fn csv() -> String {
    let mut x = String::from(
        "UPN,Legal Surname,Legal Forename,DOB,Year,SEN Status,Primary Need,Contact 1 Name,Contact 1 Relationship,\
         Contact 1 Parental Responsibility,Contact 1 Email,Contact 1 Mobile,Contact 1 Address\r\n",
    );
    for n in 0..PUPILS {
        x.push_str(&format!(
            "{},Benchmarkson{n},Synthetic,1{}/0{}/2012,Year {},E,ASD,Mrs Parent Benchmarkson{n},Mother,Yes,\
             parent{n}@example.org,07700 900{:03},\"{n} Benchmark Road\r\nSampletown\r\nZZ99 1AA\"\r\n",
            upn(n),
            n % 10,
            1 + n % 9,
            1 + n % 11,
            n % 1000
        ));
    }
    x
}

fn measure(name: &str, mut f: impl FnMut()) {
    f(); // warm up
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("{name:<52} best {:>8.2} ms   median {:>8.2} ms", ms(times[0]), ms(times[RUNS / 2]));
}

fn main() {
    let ctf = ctf();
    let file = read_ctf(ctf.as_bytes()).unwrap();
    assert_eq!(file.pupils.len() + file.skipped.len(), PUPILS);
    assert_eq!(file.skipped.len(), PUPILS.div_ceil(3));
    println!("CTF of {PUPILS} pupils: {:.1} MB", ctf.len() as f64 / 1e6);
    measure("read_ctf, 2,000 pupils (target < 1 s)", || {
        black_box(read_ctf(black_box(ctf.as_bytes())).unwrap());
    });
    let csv = csv();
    let file = read_csv(csv.as_bytes(), None).unwrap();
    assert_eq!(file.pupils.len(), PUPILS);
    // A value with line breaks is one row: the last pupil is on row PUPILS + 1.
    assert_eq!(file.pupils.last().map(|p| p.row), Some(PUPILS + 1));
    measure("read_csv, 2,000 pupils", || {
        black_box(read_csv(black_box(csv.as_bytes()), None).unwrap());
    });
}
