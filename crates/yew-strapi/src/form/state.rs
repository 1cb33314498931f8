//! Formik's state and its transitions, as plain data and plain functions.

use super::field_map::{FieldMap, FormField, Slots};

/// A form's values, a text per field (formik's `values`).
pub type Values<F> = FieldMap<F, String>;
/// A form's errors, a message per invalid field (formik's `errors`).
pub type Errors<F> = FieldMap<F, String>;

/// Validation is a pure function of the values, as formik's `validate`.
pub type Validator<F> = fn(&Values<F>) -> Errors<F>;

/// A [`Validator`] seen from [`FormState`]: the values' slots in, the errors' slots out.
pub type SlotValidator = dyn Fn(&Slots<String>) -> Slots<String>;

/// A form's typed validator as [`FormState`] calls it.
pub fn slot_validator<F: FormField>(
    validate: Validator<F>,
) -> impl Fn(&Slots<String>) -> Slots<String> {
    move |values| validate(&FieldMap::from_slots(values.clone())).into_slots()
}

/// One form's state, its fields known by position (`FormField::ALL` order) and by input name.
/// Not generic over the field type, so the bundle holds these transitions once whatever the
/// number of forms; `UseForm<F>` gives the typed view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormState {
    names: Vec<&'static str>,
    /// One value per field, never `None`.
    values: Slots<String>,
    /// Every current error; a field shows its error only once touched.
    errors: Slots<String>,
    /// One bit per field.
    touched: u64,
    /// Fields the app emptied (a password after a refused login) that the person has not typed
    /// into since: leaving one empty changes nothing (the alert or the server's error said what
    /// happened, and a "required" appearing on blur would move the form under the pointer that
    /// left the field).
    cleared: u64,
    /// True from a valid submit until the submit settles ([`FormAction::SubmitDone`]).
    pub is_submitting: bool,
    /// Submit attempts so far, valid or not (formik's `submitCount`).
    pub submit_count: u32,
    /// A form-level message, e.g. the server's answer (formik's `status`).
    pub status: Option<String>,
    initial: Slots<String>,
}

/// Something that happens to a form: one transition of [`FormState::apply`]. Fields are named by
/// their slot, their position in [`FormField::ALL`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormAction {
    /// A keystroke in the field at this position: new value, revalidate (`validateOnChange`).
    Change(usize, String),
    /// Leaving a field: touch it, revalidate (`validateOnBlur`).
    Blur(usize),
    /// A submit attempt: touch every field, count it, validate; submitting only when valid.
    Submit,
    /// The async submit settled.
    SubmitDone,
    /// Errors from the server's answer; those fields count as touched so the errors show.
    SetErrors(Slots<String>),
    /// A programmatic value (e.g. clearing a password after a failure), without validation.
    SetValue(usize, String),
    /// Sets the form-level message, or clears it (`None`).
    SetStatus(Option<String>),
    /// Back to the initial values, untouched.
    Reset,
}

impl FormState {
    /// A form with these input names; fields without an initial value start empty.
    pub fn new(names: Vec<&'static str>, mut initial: Slots<String>) -> Self {
        // `touched` has a bit per field.
        assert!(names.len() < 64, "a form has fewer than 64 fields");
        initial.resize_with(names.len(), || None);
        for value in &mut initial {
            value.get_or_insert_with(String::new);
        }
        Self {
            errors: vec![None; names.len()],
            names,
            values: initial.clone(),
            touched: 0,
            cleared: 0,
            is_submitting: false,
            submit_count: 0,
            status: None,
            initial,
        }
    }

    /// The position of the field whose input is named `name`.
    pub fn slot_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| *n == name)
    }

    /// The input name of the field at `slot`.
    pub fn name(&self, slot: usize) -> &'static str {
        self.names[slot]
    }

    /// Every field's value, in slot order (each one `Some`).
    pub fn values(&self) -> &Slots<String> {
        &self.values
    }

    /// The value of the field at `slot`.
    pub fn value(&self, slot: usize) -> &str {
        self.values[slot].as_deref().unwrap_or_default()
    }

    /// Whether the field at `slot` shows its error: left once, the form submitted, or given an
    /// error from the server.
    pub fn is_touched(&self, slot: usize) -> bool {
        self.touched & (1 << slot) != 0
    }

    /// The error to show: only for a touched field.
    pub fn visible_error(&self, slot: usize) -> Option<&str> {
        self.errors[slot]
            .as_deref()
            .filter(|_| self.is_touched(slot))
    }

    /// Whether no field has an error, shown or not.
    pub fn is_valid(&self) -> bool {
        self.errors.iter().all(Option::is_none)
    }

    /// The first field, in declaration order, that shows an error: where focus goes.
    pub fn first_invalid(&self) -> Option<usize> {
        (0..self.names.len()).find(|slot| self.visible_error(*slot).is_some())
    }

    /// Applies one action; `validate` recomputes the errors where the action says so (change,
    /// blur, submit).
    pub fn apply(&mut self, action: FormAction, validate: &SlotValidator) {
        match action {
            FormAction::Change(slot, value) => {
                self.values[slot] = Some(value);
                self.cleared &= !(1 << slot);
                self.revalidate(validate);
            }
            // Leaving a field the app emptied, still empty: nothing changes (what the form
            // shows for it, a server's error or nothing, stays).
            FormAction::Blur(slot)
                if self.cleared & (1 << slot) != 0 && self.value(slot).is_empty() => {}
            FormAction::Blur(slot) => {
                self.touched |= 1 << slot;
                self.revalidate(validate);
            }
            FormAction::Submit => {
                self.touched = (1 << self.names.len()) - 1;
                self.submit_count += 1;
                self.status = None;
                self.revalidate(validate);
                self.is_submitting = self.is_valid();
            }
            FormAction::SubmitDone => self.is_submitting = false,
            FormAction::SetErrors(errors) => {
                for (slot, error) in errors.into_iter().enumerate() {
                    if error.is_some() {
                        self.touched |= 1 << slot;
                        self.errors[slot] = error;
                    }
                }
            }
            FormAction::SetValue(slot, value) => {
                self.values[slot] = Some(value);
                self.cleared |= 1 << slot;
            }
            FormAction::SetStatus(status) => self.status = status,
            FormAction::Reset => *self = Self::new(self.names.clone(), self.initial.clone()),
        }
    }

    fn revalidate(&mut self, validate: &SlotValidator) {
        self.errors = validate(&self.values);
        self.errors.resize_with(self.names.len(), || None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum F {
        Email,
        Password,
    }

    impl FormField for F {
        const ALL: &'static [Self] = &[F::Email, F::Password];
        fn name(self) -> &'static str {
            match self {
                F::Email => "email",
                F::Password => "password",
            }
        }
    }

    fn required(values: &Values<F>) -> Errors<F> {
        F::ALL
            .iter()
            .filter(|f| values.get(f).is_none_or(String::is_empty))
            .map(|f| (*f, format!("{} is required", f.name())))
            .collect()
    }

    fn form() -> FormState {
        with(Values::new())
    }

    fn with(initial: Values<F>) -> FormState {
        let names = F::ALL.iter().map(|f| f.name()).collect();
        FormState::new(names, initial.into_slots())
    }

    fn apply(s: &mut FormState, action: FormAction) {
        s.apply(action, &slot_validator(required));
    }

    const EMAIL: usize = 0;
    const PASSWORD: usize = 1;

    #[test]
    fn starts_empty_untouched_and_idle() {
        let s = form();
        assert_eq!(s.value(EMAIL), "");
        assert_eq!(s.values(), &[Some(String::new()), Some(String::new())]);
        assert!(!s.is_touched(EMAIL) && !s.is_touched(PASSWORD) && s.is_valid());
        assert!(!s.is_submitting);
        assert_eq!(s.submit_count, 0);
        assert_eq!(F::from_name("password"), Some(F::Password));
        assert_eq!(F::from_name("nope"), None);
        assert_eq!(F::Password.slot(), PASSWORD);
        assert_eq!(s.slot_of("password"), Some(PASSWORD));
        assert_eq!(s.slot_of("nope"), None);
        assert_eq!(s.name(EMAIL), "email");
    }

    #[test]
    fn change_validates_but_shows_nothing_until_blur() {
        let mut s = form();
        apply(&mut s, FormAction::Change(EMAIL, "a".into()));
        assert_eq!(s.value(EMAIL), "a");
        assert!(!s.is_valid(), "the password is still empty");
        assert_eq!(s.visible_error(PASSWORD), None);
        apply(&mut s, FormAction::Blur(PASSWORD));
        assert_eq!(s.visible_error(PASSWORD), Some("password is required"));
        assert_eq!(s.visible_error(EMAIL), None);
    }

    #[test]
    fn invalid_submit_touches_everything_and_does_not_submit() {
        let mut s = form();
        apply(&mut s, FormAction::Submit);
        assert_eq!(s.submit_count, 1);
        assert!(!s.is_submitting);
        assert_eq!(s.visible_error(EMAIL), Some("email is required"));
        assert_eq!(s.first_invalid(), Some(EMAIL));
        apply(&mut s, FormAction::Change(EMAIL, "a@b.co".into()));
        assert_eq!(s.first_invalid(), Some(PASSWORD));
    }

    #[test]
    fn valid_submit_is_submitting_until_done() {
        let mut s = form();
        apply(&mut s, FormAction::Change(EMAIL, "a@b.co".into()));
        apply(&mut s, FormAction::Change(PASSWORD, "pw".into()));
        apply(&mut s, FormAction::SetStatus(Some("old".into())));
        apply(&mut s, FormAction::Submit);
        assert!(s.is_submitting && s.is_valid());
        assert_eq!(s.status, None, "a new attempt clears the last answer");
        apply(&mut s, FormAction::SubmitDone);
        assert!(!s.is_submitting);
        assert_eq!(s.submit_count, 1);
    }

    #[test]
    fn server_errors_show_and_the_next_change_revalidates() {
        let mut s = form();
        let server = Errors::from([(F::Email, "Email is already taken".to_owned())]);
        apply(&mut s, FormAction::Change(EMAIL, "a@b.co".into()));
        apply(&mut s, FormAction::Change(PASSWORD, "pw".into()));
        apply(&mut s, FormAction::SetErrors(server.into_slots()));
        assert_eq!(s.visible_error(EMAIL), Some("Email is already taken"));
        assert!(!s.is_touched(PASSWORD), "only the fields with an error");
        apply(&mut s, FormAction::Change(EMAIL, "c@d.co".into()));
        assert_eq!(s.visible_error(EMAIL), None);
    }

    #[test]
    fn set_value_does_not_validate() {
        let mut s = form();
        apply(&mut s, FormAction::Change(EMAIL, "a@b.co".into()));
        apply(&mut s, FormAction::Change(PASSWORD, "pw".into()));
        apply(&mut s, FormAction::Submit);
        apply(&mut s, FormAction::SetValue(PASSWORD, String::new()));
        assert_eq!(s.value(PASSWORD), "");
        assert_eq!(s.visible_error(PASSWORD), None);
    }

    #[test]
    fn a_field_the_app_emptied_says_nothing_when_left_empty_until_the_next_submit() {
        let mut s = form();
        apply(&mut s, FormAction::Change(EMAIL, "a@b.co".into()));
        apply(&mut s, FormAction::Change(PASSWORD, "pw".into()));
        apply(&mut s, FormAction::Submit);
        // Refused: the app empties the password and puts the focus there; the person clicks
        // "Remember me", which blurs it.
        apply(&mut s, FormAction::SetValue(PASSWORD, String::new()));
        apply(&mut s, FormAction::Blur(PASSWORD));
        assert_eq!(s.visible_error(PASSWORD), None);
        // A server's error on the field stays when the app empties it and the person leaves.
        let server = Errors::from([(F::Password, "too long".to_owned())]);
        apply(&mut s, FormAction::SetErrors(server.into_slots()));
        apply(&mut s, FormAction::SetValue(PASSWORD, String::new()));
        apply(&mut s, FormAction::Blur(PASSWORD));
        assert_eq!(s.visible_error(PASSWORD), Some("too long"));
        // Typing and leaving it empty again is the person's doing: said at once.
        apply(&mut s, FormAction::Change(PASSWORD, "p".into()));
        apply(&mut s, FormAction::Change(PASSWORD, String::new()));
        apply(&mut s, FormAction::Blur(PASSWORD));
        assert_eq!(s.visible_error(PASSWORD), Some("password is required"));
        // And a submit with it empty says so too.
        apply(&mut s, FormAction::SetValue(PASSWORD, String::new()));
        apply(&mut s, FormAction::Submit);
        assert_eq!(s.visible_error(PASSWORD), Some("password is required"));
    }

    #[test]
    fn reset_restores_initial_values() {
        let initial = || Values::from([(F::Email, "keep@me.co".to_owned())]);
        let mut s = with(initial());
        apply(&mut s, FormAction::Change(EMAIL, "x".into()));
        apply(&mut s, FormAction::Submit);
        apply(&mut s, FormAction::Reset);
        assert_eq!(s, with(initial()));
        assert_eq!(s.value(EMAIL), "keep@me.co");
    }
}
