//! `FieldMap`: a form's per-field values or errors, stored by the field's position in
//! `FormField::ALL`. A form has a handful of fields; a `BTreeMap` per form type cost ~45 KB of
//! wasm, this costs almost nothing.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Index;

/// A form's fields: an enum whose variants name the inputs (`name="identifier"`).
pub trait FormField: Copy + Eq + std::fmt::Debug + 'static {
    /// Every field, in the order the form shows them: a field's position here is where a
    /// [`FieldMap`] keeps it, and the first invalid field in this order gets the focus.
    const ALL: &'static [Self];

    /// The input's `name` attribute.
    fn name(self) -> &'static str;

    /// The field whose input is named `name` (e.g. the first element of a Strapi error's `path`).
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The field's position in `ALL`: where a form's state keeps it.
    fn slot(self) -> usize {
        Self::ALL
            .iter()
            .position(|f| *f == self)
            .expect("every field is listed in FormField::ALL")
    }
}

/// A map's storage without its field type: one entry per field, in `FormField::ALL` order.
pub type Slots<V> = Vec<Option<V>>;

/// A value (or an error) for each field of a form that has one: a small map with `BTreeMap`'s
/// methods, kept by the field's position in [`FormField::ALL`].
pub struct FieldMap<F, V> {
    slots: Slots<V>,
    fields: PhantomData<F>,
}

impl<F: FormField, V> FieldMap<F, V> {
    /// An empty map.
    pub fn new() -> Self {
        Self {
            slots: F::ALL.iter().map(|_| None).collect(),
            fields: PhantomData,
        }
    }

    /// Slots from elsewhere (the untyped form state) seen as this form's fields.
    pub fn from_slots(mut slots: Slots<V>) -> Self {
        slots.resize_with(F::ALL.len(), || None);
        Self {
            slots,
            fields: PhantomData,
        }
    }

    /// The storage: one entry per field, in [`FormField::ALL`] order.
    pub fn into_slots(self) -> Slots<V> {
        self.slots
    }

    /// The value of `field`, if it has one.
    pub fn get(&self, field: &F) -> Option<&V> {
        self.slots[field.slot()].as_ref()
    }

    /// Sets the value of `field`, replacing any it had.
    pub fn insert(&mut self, field: F, value: V) {
        self.slots[field.slot()] = Some(value);
    }

    /// Whether `field` has a value.
    pub fn contains_key(&self, field: &F) -> bool {
        self.get(field).is_some()
    }

    /// Whether no field has a value (for a map of errors: the form is valid).
    pub fn is_empty(&self) -> bool {
        self.slots.iter().all(Option::is_none)
    }

    /// How many fields have a value.
    pub fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.is_some()).count()
    }

    /// The fields that hold a value, in declaration order.
    pub fn keys(&self) -> impl Iterator<Item = F> + '_ {
        F::ALL
            .iter()
            .zip(&self.slots)
            .filter(|(_, v)| v.is_some())
            .map(|(f, _)| *f)
    }

    /// Takes every value `other` has, replacing this map's for those fields.
    pub fn extend(&mut self, other: Self) {
        for (mine, theirs) in self.slots.iter_mut().zip(other.slots) {
            if theirs.is_some() {
                *mine = theirs;
            }
        }
    }
}

impl<F: FormField> FieldMap<F, String> {
    /// The text of `field`, empty when it has none (what a validator reads).
    pub fn str(&self, field: F) -> &str {
        self.get(&field).map_or("", String::as_str)
    }

    /// Errors from each field's check: `None` means the field is fine.
    pub fn from_problems(checks: impl IntoIterator<Item = (F, Option<&'static str>)>) -> Self {
        checks
            .into_iter()
            .filter_map(|(field, problem)| Some((field, problem?.to_owned())))
            .collect()
    }
}

impl<F: FormField, V> Default for FieldMap<F, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<F, V: Clone> Clone for FieldMap<F, V> {
    fn clone(&self) -> Self {
        Self {
            slots: self.slots.clone(),
            fields: PhantomData,
        }
    }
}

impl<F, V: PartialEq> PartialEq for FieldMap<F, V> {
    fn eq(&self, other: &Self) -> bool {
        self.slots == other.slots
    }
}

impl<F, V: Eq> Eq for FieldMap<F, V> {}

impl<F: FormField, V: fmt::Debug> fmt::Debug for FieldMap<F, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(
                F::ALL
                    .iter()
                    .zip(&self.slots)
                    .filter_map(|(k, v)| Some((k, v.as_ref()?))),
            )
            .finish()
    }
}

impl<F: FormField, V> Index<&F> for FieldMap<F, V> {
    type Output = V;

    fn index(&self, field: &F) -> &V {
        self.get(field).expect("the field has a value")
    }
}

impl<F: FormField, V> FromIterator<(F, V)> for FieldMap<F, V> {
    fn from_iter<I: IntoIterator<Item = (F, V)>>(iter: I) -> Self {
        let mut map = Self::new();
        for (field, value) in iter {
            map.insert(field, value);
        }
        map
    }
}

impl<F: FormField, V, const N: usize> From<[(F, V); N]> for FieldMap<F, V> {
    fn from(pairs: [(F, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum F {
        A,
        B,
        C,
    }

    impl FormField for F {
        const ALL: &'static [Self] = &[F::A, F::B, F::C];
        fn name(self) -> &'static str {
            match self {
                F::A => "a",
                F::B => "b",
                F::C => "c",
            }
        }
    }

    #[test]
    fn map_basics() {
        let mut m: FieldMap<F, String> = FieldMap::new();
        assert!(m.is_empty());
        m.insert(F::C, "c".into());
        m.insert(F::A, "a".into());
        assert_eq!(m.len(), 2);
        assert_eq!(m[&F::A], "a");
        assert_eq!(m.get(&F::B), None);
        assert_eq!(
            m.keys().collect::<Vec<_>>(),
            [F::A, F::C],
            "declaration order"
        );
        let mut other = FieldMap::from([(F::B, "b".to_owned()), (F::A, "new".to_owned())]);
        other.extend(m.clone());
        assert_eq!(other[&F::A], "a");
        assert_eq!(other[&F::B], "b");
        assert_eq!(format!("{m:?}"), r#"{A: "a", C: "c"}"#);
        assert_ne!(m, other);
        let slots = m.into_slots();
        assert_eq!(slots, [Some("a".to_owned()), None, Some("c".to_owned())]);
        assert_eq!(FieldMap::<F, String>::from_slots(slots)[&F::C], "c");
        assert_eq!(FieldMap::<F, u8>::from_slots(vec![]).get(&F::C), None);
    }
}
