//! Small facts about clause structure that several extractors need: whether a name stands
//! where an object stands ("against Jeremy Hunt", "to the Conservative Dan Watkins"), so
//! that subjects win when choosing a speaker, a pronoun's referent or a figure's owner.

/// Words that put the name after them in object position.
const GOVERNING: &[&str] = &[
    "to", "against", "of", "from", "with", "over", "behind", "beside", "than", "by", "for", "about", "after", "as", "like", "toward",
    "towards", "on", "at", "in", "beat", "beating", "defeated", "defeating", "and", "or",
];

/// Whether the words just before a name (`before` ends where the name starts) make it an
/// object. A determiner and capitalised words (a party, a title) between the governing
/// word and the name are skipped, but not across a sentence end.
pub fn is_object_position(before: &str) -> bool {
    for word in before.split_whitespace().rev() {
        let bare = word.trim_end_matches(',');
        if matches!(bare, "the" | "a" | "an") || bare.starts_with(char::is_uppercase) {
            if word.ends_with(['.', '!', '?', ':', ';', '"', '”']) {
                return false;
            }
            continue;
        }
        return crate::lexicon::with_ascii_lowercase(bare, |lower| {
            // "welcomed Ms Haddock", "thanked Jane Smith": the object of a past-tense verb.
            let past_verb = lower.ends_with("ed") && lower.len() > 4 && !REPORTING.contains(&lower);
            GOVERNING.contains(&lower) || past_verb
        });
    }
    false
}

/// Verbs that put their subject after them ("said Mr Murray").
const REPORTING: &[&str] = &["said", "added", "asked", "replied", "declared", "stated", "answered", "continued", "noted", "explained", "insisted", "warned", "conceded", "tweeted", "posted", "quipped", "joked", "remarked", "recalled", "admitted", "claimed", "argued", "concluded", "shouted", "exclaimed", "pressed"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_follow_prepositions_and_verbs_of_beating() {
        assert!(is_object_position("Johnson competed for the role against "));
        assert!(is_object_position("roundly defeating the Conservative "));
        assert!(is_object_position("Sanders lost the caucuses to "));
        assert!(is_object_position("arrived with Dr "));
        assert!(is_object_position("The mayor welcomed Ms "));
    }

    #[test]
    fn subjects_open_clauses_and_sentences() {
        assert!(!is_object_position(""));
        assert!(!is_object_position("as the Prime Minister of Great Britain. "));
        assert!(!is_object_position("In the end, "));
        assert!(!is_object_position("Labour said "));
        assert!(!is_object_position("“We won,” said Mr "));
    }
}
