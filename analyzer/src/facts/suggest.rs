//! "Did you mean …?" suggestions, the way BuildKit makes them
//! (`util/suggest`): the closest option by Levenshtein distance, if that
//! distance is below 3, and none when the value is itself an option.

/// The option closest to `value` (case-sensitive), if close enough. Ties
/// go to the option that sorts first, for stable output.
pub(crate) fn closest<'a, I>(value: &str, options: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut options: Vec<&str> = options.into_iter().collect();
    options.sort_unstable();
    options.dedup();
    if options.contains(&value) {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for opt in options {
        let d = levenshtein(value, opt);
        if d < 3 && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, opt));
        }
    }
    best.map(|(_, o)| o)
}

/// One typo apart: a single character inserted, deleted, replaced, or two
/// adjacent characters swapped.
pub(crate) fn is_typo(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    let suffix = ra
        .iter()
        .rev()
        .zip(rb.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&ra[..ra.len() - suffix], &rb[..rb.len() - suffix]);
    match (ma.len(), mb.len()) {
        (0, 1) | (1, 0) | (1, 1) => true,
        (2, 2) => ma[0] == mb[1] && ma[1] == mb[0],
        _ => false,
    }
}

/// Edit distance over characters (insertions, deletions, substitutions).
pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let next = (prev + cost).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("VERSION", "VERSOIN"), 2);
    }

    #[test]
    fn typos() {
        assert!(is_typo("APP_DIRR", "APP_DIR"));
        assert!(is_typo("VERSOIN", "VERSION"));
        assert!(is_typo("file3", "file"));
        assert!(is_typo("CACHEID", "CACHE_ID"));
        assert!(!is_typo("START_FILE", "STARTUP_FILE"));
        assert!(!is_typo("A", "A"));
        assert!(!is_typo("ABCD", "BADC"));
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("VERSOIN", ["VERSION", "PATH"]), Some("VERSION"));
        assert_eq!(closest("VERSION", ["VERSION", "VERSIONS"]), None);
        assert_eq!(closest("FOO", ["BARBAZ"]), None);
        assert_eq!(
            closest("NODE_VER", ["NODE_VERS", "NODE_VEX"]),
            Some("NODE_VERS")
        );
    }
}
