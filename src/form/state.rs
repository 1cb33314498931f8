//! Formik's state and its transitions, as plain data and plain functions.

use super::field_map::{FieldMap, FieldSet};

/// A form's fields: an enum whose variants name the inputs (`name="identifier"`).
pub trait FormField: Copy + Eq + std::fmt::Debug + 'static {
    const ALL: &'static [Self];

    /// The input's `name` attribute.
    fn name(self) -> &'static str;

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.name() == name)
    }
}

pub type Values<F> = FieldMap<F, String>;
pub type Errors<F> = FieldMap<F, String>;

/// Validation is a pure function of the values, as formik's `validate`.
pub type Validator<F> = fn(&Values<F>) -> Errors<F>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormState<F: FormField> {
    pub values: Values<F>,
    /// Every current error; a field shows its error only once touched.
    pub errors: Errors<F>,
    pub touched: FieldSet<F>,
    pub is_submitting: bool,
    pub submit_count: u32,
    /// A form-level message, e.g. the server's answer (formik's `status`).
    pub status: Option<String>,
    initial: Values<F>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormAction<F: FormField> {
    /// A keystroke: new value, revalidate (formik's `validateOnChange`).
    Change(F, String),
    /// Leaving a field: touch it, revalidate (`validateOnBlur`).
    Blur(F),
    /// A submit attempt: touch every field, count it, validate; submitting only when valid.
    Submit,
    /// The async submit settled.
    SubmitDone,
    /// Errors from the server's answer; those fields count as touched so the errors show.
    SetErrors(Errors<F>),
    /// A programmatic value (e.g. clearing a password after a failure), without validation.
    SetValue(F, String),
    SetStatus(Option<String>),
    /// Back to the initial values, untouched.
    Reset,
}

impl<F: FormField> FormState<F> {
    pub fn new(initial: Values<F>) -> Self {
        let mut values = initial;
        for field in F::ALL {
            if !values.contains_key(field) {
                values.insert(*field, String::new());
            }
        }
        Self {
            initial: values.clone(),
            values,
            errors: Errors::new(),
            touched: FieldSet::new(),
            is_submitting: false,
            submit_count: 0,
            status: None,
        }
    }

    pub fn value(&self, field: F) -> &str {
        self.values.get(&field).map_or("", String::as_str)
    }

    /// The error to show: only for a touched field.
    pub fn visible_error(&self, field: F) -> Option<&str> {
        self.touched
            .contains(&field)
            .then(|| self.errors.get(&field).map(String::as_str))
            .flatten()
    }

    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The first field, in declaration order, that shows an error: where focus goes.
    pub fn first_invalid(&self) -> Option<F> {
        F::ALL
            .iter()
            .copied()
            .find(|f| self.visible_error(*f).is_some())
    }

    pub fn apply(&mut self, action: FormAction<F>, validate: Validator<F>) {
        match action {
            FormAction::Change(field, value) => {
                self.values.insert(field, value);
                self.errors = validate(&self.values);
            }
            FormAction::Blur(field) => {
                self.touched.insert(field);
                self.errors = validate(&self.values);
            }
            FormAction::Submit => {
                self.touched.extend(F::ALL.iter().copied());
                self.submit_count += 1;
                self.status = None;
                self.errors = validate(&self.values);
                self.is_submitting = self.errors.is_empty();
            }
            FormAction::SubmitDone => self.is_submitting = false,
            FormAction::SetErrors(errors) => {
                self.touched.extend(errors.keys());
                self.errors.extend(errors);
            }
            FormAction::SetValue(field, value) => {
                self.values.insert(field, value);
            }
            FormAction::SetStatus(status) => self.status = status,
            FormAction::Reset => *self = Self::new(self.initial.clone()),
        }
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

    fn form() -> FormState<F> {
        FormState::new(Values::new())
    }

    #[test]
    fn starts_empty_untouched_and_idle() {
        let s = form();
        assert_eq!(s.value(F::Email), "");
        assert!(s.touched.is_empty() && s.errors.is_empty());
        assert!(!s.is_submitting);
        assert_eq!(s.submit_count, 0);
        assert_eq!(F::from_name("password"), Some(F::Password));
        assert_eq!(F::from_name("nope"), None);
    }

    #[test]
    fn change_validates_but_shows_nothing_until_blur() {
        let mut s = form();
        s.apply(FormAction::Change(F::Email, "a".into()), required);
        assert_eq!(s.value(F::Email), "a");
        assert!(s.errors.contains_key(&F::Password));
        assert_eq!(s.visible_error(F::Password), None);
        s.apply(FormAction::Blur(F::Password), required);
        assert_eq!(s.visible_error(F::Password), Some("password is required"));
        assert_eq!(s.visible_error(F::Email), None);
    }

    #[test]
    fn invalid_submit_touches_everything_and_does_not_submit() {
        let mut s = form();
        s.apply(FormAction::Submit, required);
        assert_eq!(s.submit_count, 1);
        assert!(!s.is_submitting);
        assert_eq!(s.visible_error(F::Email), Some("email is required"));
        assert_eq!(s.first_invalid(), Some(F::Email));
    }

    #[test]
    fn valid_submit_is_submitting_until_done() {
        let mut s = form();
        s.apply(FormAction::Change(F::Email, "a@b.co".into()), required);
        s.apply(FormAction::Change(F::Password, "pw".into()), required);
        s.apply(FormAction::SetStatus(Some("old".into())), required);
        s.apply(FormAction::Submit, required);
        assert!(s.is_submitting && s.is_valid());
        assert_eq!(s.status, None, "a new attempt clears the last answer");
        s.apply(FormAction::SubmitDone, required);
        assert!(!s.is_submitting);
        assert_eq!(s.submit_count, 1);
    }

    #[test]
    fn server_errors_show_and_the_next_change_revalidates() {
        let mut s = form();
        let server = Errors::from([(F::Email, "Email is already taken".to_owned())]);
        s.apply(FormAction::Change(F::Email, "a@b.co".into()), required);
        s.apply(FormAction::Change(F::Password, "pw".into()), required);
        s.apply(FormAction::SetErrors(server), required);
        assert_eq!(s.visible_error(F::Email), Some("Email is already taken"));
        s.apply(FormAction::Change(F::Email, "c@d.co".into()), required);
        assert_eq!(s.visible_error(F::Email), None);
    }

    #[test]
    fn set_value_does_not_validate() {
        let mut s = form();
        s.apply(FormAction::Change(F::Email, "a@b.co".into()), required);
        s.apply(FormAction::Change(F::Password, "pw".into()), required);
        s.apply(FormAction::Submit, required);
        s.apply(FormAction::SetValue(F::Password, String::new()), required);
        assert_eq!(s.value(F::Password), "");
        assert_eq!(s.visible_error(F::Password), None);
    }

    #[test]
    fn reset_restores_initial_values() {
        let mut s = FormState::new(Values::from([(F::Email, "keep@me.co".to_owned())]));
        s.apply(FormAction::Change(F::Email, "x".into()), required);
        s.apply(FormAction::Submit, required);
        s.apply(FormAction::Reset, required);
        assert_eq!(
            s,
            FormState::new(Values::from([(F::Email, "keep@me.co".to_owned())]))
        );
        assert_eq!(s.value(F::Email), "keep@me.co");
    }
}
