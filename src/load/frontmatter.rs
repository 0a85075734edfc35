//! Splitting a Markdown entry into its YAML front matter and its body,
//! keeping the line on which each starts.

/// The parts of a Markdown entry file.
pub(crate) struct Split<'a> {
    pub yaml: &'a str,
    /// File line of the first front matter line.
    pub yaml_line: usize,
    pub body: &'a str,
}

/// Splits `---\nyaml\n---\nbody`. Errors say what the author should write.
pub(crate) fn split(text: &str) -> Result<Split<'_>, crate::message::Message> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(msg!(
            "entri Markdown harus diawali front matter: baris `---`, kolom-kolomnya, lalu baris `---` lagi",
            "a Markdown entry must start with front matter: a `---` line, the fields, and another `---` line"
        ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err(msg!(
        "front matter tidak ditutup: tambahkan baris `---` sesudah kolom-kolomnya",
        "the front matter is not closed: add a `---` line after the fields"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("---\r\nname: A\r\n---\r\nBody\n").unwrap();
        assert_eq!(s.yaml, "name: A\r\n");
        assert_eq!(s.body, "Body\n");
        let s = split("---\nname: A\n---").unwrap();
        assert_eq!(s.body, "");
    }

    #[test]
    fn refuses_missing_or_open_front_matter() {
        assert!(split("name: A\n").is_err());
        assert!(split("---\nname: A\n").is_err());
    }
}
