//! Settings: the school's details, the letters' wording, the LA profiles, bank holidays and
//! term dates. Each change that the clock depends on reloads the calendars.

use std::path::Path;

use ardesk_domain::calendar::{BankHolidays, format_terms, parse_terms};
use ardesk_domain::la::{
    LaProfile, code_of_defaults_id, defaults_for_id, defaults_profile_id, find_by_code, la_code_of,
    profile_id_for,
};
use ardesk_domain::la_edit::{self, ProfileEdit, has_one_review_form};
use ardesk_domain::letters::LetterKind;
use ardesk_dto::{
    CalendarSettings, ErrorCode, LaOption, LetterTemplateDto, ProfileForm, ProfileSummary, SchoolForm,
};
use ardesk_store::Action;
use chrono::NaiveDate;

use crate::context::calendars;
use crate::files::read_text_file;
use crate::{App, AppError, convert};

/// The largest settings file read (term dates, bank holidays): they are a few kilobytes.
const MAX_SETTINGS_FILE: u64 = 1 << 20;

/// The largest logo file accepted.
const LOGO_MAX_BYTES: u64 = 2 * 1024 * 1024;

impl App {
    /// The school's details for the settings form (empty when not yet set).
    pub fn school_form(&self) -> Result<SchoolForm, AppError> {
        Ok(self.store.school()?.map_or_else(
            || SchoolForm { senco_role: "SENCO".to_owned(), ..SchoolForm::default() },
            |s| SchoolForm {
                has_logo: s.logo.is_some(),
                name: s.name,
                address: s.address,
                urn: s.urn,
                senco_name: s.senco_name,
                senco_role: s.senco_role,
                phone: s.phone,
                email: s.email,
                head_teacher: s.head_teacher,
            },
        ))
    }

    /// Sets the school's logo from a PNG file (it heads the Word letters). Refused, with the
    /// reason, unless it is a PNG whose size can be read, of at most 2 MB; nothing is changed
    /// then. The school's details must be saved first.
    pub fn set_school_logo_file(&mut self, path: &Path) -> Result<SchoolForm, AppError> {
        let (name, bytes) =
            crate::files::read_chosen_file(path, LOGO_MAX_BYTES, "is too large for a logo (2 MB at most)")?;
        let refused = |why: &str| {
            AppError::from(vec![ardesk_domain::Problem::block(
                "logo",
                format!("{name} cannot be the logo: {why}."),
                "Choose a PNG image, for example the school's logo saved as PNG from its website.",
            )])
        };
        let (width, height) =
            ardesk_documents::letter::png_size(&bytes).ok_or_else(|| refused("it is not a PNG image"))?;
        if width > 5000 || height > 5000 {
            return Err(refused("it is larger than 5000 pixels across"));
        }
        let mut school = self.store.school()?.ok_or_else(|| {
            AppError::new(ErrorCode::Conflict, "Save the school's details first: the logo goes with them.")
        })?;
        school.logo = Some(bytes);
        let action = Action { actor: &self.actor, name: "school.logo", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_school(&school))?;
        self.school_form()
    }

    /// Removes the school's logo.
    pub fn remove_school_logo(&mut self) -> Result<SchoolForm, AppError> {
        if let Some(mut school) = self.store.school()? {
            school.logo = None;
            let action = Action { actor: &self.actor, name: "school.logo", at: self.clock.now() };
            self.store.write(action, |tx| tx.set_school(&school))?;
        }
        self.school_form()
    }

    /// Saves the school's details (they head every letter). Every problem is reported.
    pub fn save_school(&mut self, form: SchoolForm) -> Result<SchoolForm, AppError> {
        let logo = self.store.school()?.and_then(|s| s.logo);
        let school = ardesk_domain::school::validate(&convert::school_input(form), logo)?;
        let action = Action { actor: &self.actor, name: "school.save", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_school(&school))?;
        self.school_form()
    }

    /// Each letter's wording: the school's own where it has one, otherwise the shipped one.
    pub fn letter_templates(&self) -> Result<Vec<LetterTemplateDto>, AppError> {
        let own = self.store.letter_templates()?;
        Ok(LetterKind::ALL
            .iter()
            .map(|k| {
                let mine = own.iter().find(|t| t.kind == k.code());
                LetterTemplateDto {
                    kind: k.code().to_owned(),
                    label: k.label().to_owned(),
                    text: mine.map_or_else(|| k.builtin_template().to_owned(), |t| t.body.clone()),
                    customised: mine.is_some(),
                }
            })
            .collect())
    }

    /// Saves the school's wording for a letter, after checking its fields and conditions.
    pub fn save_letter_template(
        &mut self,
        kind: &str,
        text: &str,
    ) -> Result<Vec<LetterTemplateDto>, AppError> {
        let kind = LetterKind::from_code(kind)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("No letter \"{kind}\".")))?;
        ardesk_domain::letters::check_template(text)?;
        let action = Action { actor: &self.actor, name: "letter_template.save", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_letter_template(kind.code(), Some(text)))?;
        self.letter_templates()
    }

    /// Goes back to the shipped wording for a letter.
    pub fn reset_letter_template(&mut self, kind: &str) -> Result<Vec<LetterTemplateDto>, AppError> {
        let action = Action { actor: &self.actor, name: "letter_template.reset", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_letter_template(kind, None))?;
        self.letter_templates()
    }

    /// The school's LAs, current versions, by name: the shipped profiles, those the school added
    /// or edited, and any LA a child is saved against. Every other LA in England has the
    /// statutory defaults until the school adds it ([`App::add_la`]).
    pub fn profiles(&self) -> Result<Vec<ProfileSummary>, AppError> {
        let with_children = self.store.child_la_ids()?;
        Ok(self
            .cal
            .las
            .current()
            .into_iter()
            .filter(|p| self.is_yours(&p.id, &with_children))
            .map(|p| self.summary(p))
            .collect())
    }

    fn summary(&self, p: &LaProfile) -> ProfileSummary {
        ProfileSummary {
            id: p.id.clone(),
            name: p.name.clone(),
            code: code_of(&p.id),
            version: p.version,
            valid_from: ardesk_domain::dates::long(p.valid_from),
            customised: self.cal.las.is_edited(&p.id),
            statutory_defaults: code_of_defaults_id(&p.id).is_some(),
            amendment_mode: p.amendment_mode.label().to_owned(),
            channel: p.submission.channel.label().to_owned(),
        }
    }

    /// Whether `id` is one of the school's LAs (see [`App::profiles`]).
    fn is_yours(&self, id: &str, with_children: &[String]) -> bool {
        !self.cal.las.is_untouched_default(id) || with_children.iter().any(|c| c == id)
    }

    /// Every LA a child can be saved against: the school's first, then every other LA in
    /// England; each part by name.
    pub fn la_options(&self) -> Result<Vec<LaOption>, AppError> {
        let with_children = self.store.child_la_ids()?;
        let (mut yours, others): (Vec<LaOption>, Vec<LaOption>) = self
            .cal
            .las
            .current()
            .into_iter()
            .map(|p| LaOption {
                id: p.id.clone(),
                name: p.name.clone(),
                code: code_of(&p.id),
                yours: self.is_yours(&p.id, &with_children),
            })
            .partition(|o| o.yours);
        yours.extend(others);
        Ok(yours)
    }

    /// Adds the LA with DfE code `code` (three digits) to the school's LAs: a profile copied
    /// from the statutory defaults, under `la-NNN`, for the school to edit (name, address,
    /// channel, forms, timings). Refused for a code that is no LA in England and for an LA that
    /// is already the school's with a profile of its own.
    pub fn add_la(&mut self, code: &str) -> Result<ProfileSummary, AppError> {
        let code = code.trim();
        let la = Some(code)
            .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|c| c.parse().ok())
            .and_then(find_by_code)
            .ok_or_else(|| {
                AppError::from(vec![ardesk_domain::Problem::block(
                    "code",
                    format!("\u{201c}{code}\u{201d} is not the three-digit DfE code of an LA in England."),
                    "Choose the LA from the list, or give its code as the DfE lists it (306 for Croydon).",
                )])
            })?;
        let id = profile_id_for(la.code).unwrap_or_else(|| defaults_profile_id(la.code));
        if !self.cal.las.is_untouched_default(&id) {
            let name = self.cal.las.name_of(&id).to_owned();
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!("{name} is already one of your LAs: edit its profile in the list instead."),
            ));
        }
        let profile = LaProfile::statutory_defaults(la.code, la.name);
        let action = Action { actor: &self.actor, name: "profile.add", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_custom_profile(&id, &profile.to_json()))?;
        self.reload()?;
        self.cal.las.get(&id).map(|p| self.summary(p)).ok_or_else(|| {
            AppError::new(ErrorCode::Storage, format!("The {} profile was not saved.", la.name))
        })
    }

    /// The current profile `id` as editable JSON.
    pub fn profile_json(&self, id: &str) -> Result<String, AppError> {
        self.cal
            .las
            .get(id)
            .map(LaProfile::to_json)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("No LA profile \"{id}\".")))
    }

    /// Saves the school's own version of profile `id` (any LA in England: editing an LA's
    /// statutory defaults makes it one of the school's). A profile that fails validation is
    /// refused with the field named, and nothing is saved.
    pub fn save_profile(&mut self, id: &str, json: &str) -> Result<(), AppError> {
        if self.cal.las.get(id).is_none() {
            return Err(AppError::new(ErrorCode::NotFound, format!("No LA profile \"{id}\".")));
        }
        let profile = LaProfile::parse("the edited profile", json).map_err(|p| AppError::from(vec![p]))?;
        if profile.id != id {
            return Err(AppError::from(vec![ardesk_domain::Problem::block(
                "profile",
                format!("The edited profile's field `id` is \"{}\", but it must stay \"{id}\".", profile.id),
                "Change `id` back: to add another LA, choose it under \u{201c}Add an LA\u{201d} in Settings (or `ardesk add-la`).",
            )]));
        }
        let action = Action { actor: &self.actor, name: "profile.save", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_custom_profile(id, &profile.to_json()))?;
        self.reload()
    }

    /// The parts of profile `id` the Settings form edits (name, channel, forms, timings).
    pub fn profile_form(&self, id: &str) -> Result<ProfileForm, AppError> {
        let profile = self.profile(id)?;
        let mut form = convert::profile_form(ProfileEdit::of(profile));
        form.forms_by_year = !has_one_review_form(profile);
        Ok(form)
    }

    /// Saves the school's edits to profile `id` from the Settings form, after checking each
    /// field against the law (every problem on its field); the rest of the profile is kept.
    pub fn save_profile_form(&mut self, id: &str, form: ProfileForm) -> Result<ProfileSummary, AppError> {
        let edited = la_edit::apply(self.profile(id)?, &convert::profile_edit(form))?;
        let action = Action { actor: &self.actor, name: "profile.save", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_custom_profile(id, &edited.to_json()))?;
        self.reload()?;
        Ok(self.summary(self.profile(id)?))
    }

    /// Takes an LA the school added (`la-NNN`) off its list: its profile goes back to the
    /// statutory defaults, unseen until added again. Refused while a child is saved against it,
    /// and for a shipped profile (reset that instead).
    pub fn remove_la(&mut self, id: &str) -> Result<(), AppError> {
        let name = self.profile(id)?.name.clone();
        if code_of_defaults_id(id).is_none() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!(
                    "{name} is shipped with the app and cannot be removed: Reset undoes the school's edits."
                ),
            ));
        }
        let children = self.store.children()?.iter().filter(|c| c.record.la_id == id).count();
        if children > 0 {
            let who =
                if children == 1 { "1 child is".to_owned() } else { format!("{children} children are") };
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!("{who} maintained by {name}: change their LA first, then remove it."),
            ));
        }
        let action = Action { actor: &self.actor, name: "profile.remove", at: self.clock.now() };
        self.store.write(action, |tx| tx.delete_custom_profile(id))?;
        self.reload()
    }

    /// The current version of profile `id`.
    fn profile(&self, id: &str) -> Result<&LaProfile, AppError> {
        self.cal
            .las
            .get(id)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("No LA profile \"{id}\".")))
    }

    /// Goes back to the shipped version of profile `id` or, for an LA the school added
    /// (`la-NNN`), to the statutory defaults, which stay among the school's LAs.
    pub fn reset_profile(&mut self, id: &str) -> Result<(), AppError> {
        let action = Action { actor: &self.actor, name: "profile.reset", at: self.clock.now() };
        match defaults_for_id(id) {
            Some(defaults) => {
                self.store.write(action, |tx| tx.set_custom_profile(id, &defaults.to_json()))?;
            }
            None => self.store.write(action, |tx| tx.delete_custom_profile(id))?,
        }
        self.reload()
    }

    /// Adds the England and Wales bank holidays from gov.uk's `bank-holidays.json`.
    /// Returns how many dates were new.
    pub fn import_bank_holidays(&mut self, json: &str) -> Result<usize, AppError> {
        let feed = BankHolidays::from_govuk_json(json).map_err(|p| AppError::from(vec![p]))?;
        let new: Vec<NaiveDate> = feed.dates().filter(|d| !self.cal.holidays.contains(*d)).collect();
        let action = Action { actor: &self.actor, name: "bank_holidays.import", at: self.clock.now() };
        let added = self.store.write(action, |tx| tx.add_bank_holidays(new))?;
        self.reload()?;
        Ok(added)
    }

    /// Replaces the school's term dates with `text` (see `calendar::parse_terms`).
    pub fn set_terms(&mut self, text: &str) -> Result<CalendarSettings, AppError> {
        let calendar = parse_terms(text)?;
        let action = Action { actor: &self.actor, name: "terms.set", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_school_calendar(&calendar))?;
        self.reload()?;
        Ok(self.calendar_settings())
    }

    /// Replaces the term dates with those in a file the user chose: an iCalendar export of the
    /// school's calendar, or the line/CSV format of [`App::set_terms`].
    pub fn import_terms(&mut self, text: &str) -> Result<CalendarSettings, AppError> {
        if !text.trim_start().starts_with("BEGIN:VCALENDAR") {
            return self.set_terms(text);
        }
        let events = ardesk_documents::ics::day_events(text).map_err(|why| {
            AppError::from(vec![ardesk_domain::Problem::block(
                "terms",
                format!("The calendar file could not be read: {why}."),
                "Export the term dates again from the school's calendar, or type them in.",
            )])
        })?;
        let calendar = ardesk_domain::calendar::calendar_from_events(
            events.iter().map(|e| (e.first, e.last, e.summary.as_str())),
        )
        .map_err(|p| AppError::from(vec![p]))?;
        self.set_terms(&format_terms(&calendar))
    }

    /// The term dates in the editable text format.
    pub fn terms_text(&self) -> String {
        format_terms(&self.cal.school)
    }

    pub fn calendar_settings(&self) -> CalendarSettings {
        let s = &self.cal.school;
        CalendarSettings {
            terms: s
                .terms()
                .iter()
                .map(|(a, b)| {
                    format!("{} – {}", ardesk_domain::dates::long(*a), ardesk_domain::dates::long(*b))
                })
                .collect(),
            closures: s.closures().map(ardesk_domain::dates::long).collect(),
            bank_holiday_years: self
                .cal
                .holidays
                .years()
                .map_or_else(|| "none".to_owned(), |(a, b)| format!("{a} to {b}")),
        }
    }

    fn reload(&mut self) -> Result<(), AppError> {
        self.cal = calendars(&self.store)?;
        Ok(())
    }

    /// [`App::import_terms`] from a file the user chose (at most 1 MB of text).
    pub fn import_terms_file(&mut self, path: &Path) -> Result<CalendarSettings, AppError> {
        let text = read_text_file(path, MAX_SETTINGS_FILE)?;
        self.import_terms(&text)
    }

    /// [`App::import_bank_holidays`] from a file the user chose (at most 1 MB of text).
    pub fn import_bank_holidays_file(&mut self, path: &Path) -> Result<usize, AppError> {
        let text = read_text_file(path, MAX_SETTINGS_FILE)?;
        self.import_bank_holidays(&text)
    }
}

/// The DfE code of the LA profile `id` stands for ("306"), or empty.
fn code_of(id: &str) -> String {
    la_code_of(id).map(|c| format!("{c:03}")).unwrap_or_default()
}
