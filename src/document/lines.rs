//! Byte offset <-> line/column conversion.

/// Start offsets of every line. `\n`, `\r\n` and a lone `\r` all end a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, 0-based column) every [`CHECKPOINT`] bytes inside long lines, so a column on
    /// a 50 MB line is counted from a nearby checkpoint, not from the line start.
    checkpoints: Vec<(usize, usize)>,
}

/// Distance in bytes between column checkpoints.
const CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let mut checkpoints = Vec::new();
        let bytes = text.as_bytes();
        let mut line_start = 0;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue; // the \n of a \r\n ends the line
            }
            add_checkpoints(bytes, line_start, i, &mut checkpoints);
            line_start = i + 1;
            starts.push(line_start);
        }
        add_checkpoints(bytes, line_start, bytes.len(), &mut checkpoints);
        LineIndex { starts, checkpoints }
    }

    pub fn line_starts(&self) -> &[usize] {
        &self.starts
    }

    /// 0-based line number holding byte `pos`.
    pub fn line_of(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    /// 1-based line and 1-based column counted in characters.
    pub fn line_col(&self, text: &str, pos: usize) -> (usize, usize) {
        let line = self.line_of(pos);
        let start = self.starts[line];
        let pos = floor_char_boundary(text, pos.min(text.len()));
        // Count from the last checkpoint of this line before `pos`, if any.
        let k = self.checkpoints.partition_point(|&(at, _)| at <= pos);
        let (from, base) = match k.checked_sub(1).map(|k| self.checkpoints[k]) {
            Some((at, c)) if at >= start && at <= pos && text.is_char_boundary(at) => (at, c),
            _ => (start.min(pos), 0),
        };
        let col = base + text[from..pos].chars().count();
        (line + 1, col + 1)
    }

    /// Byte span of line `line` (0-based) without its terminator.
    pub fn line_span(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let b = text.as_bytes();
        while end > start && matches!(b[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        (start, end)
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }
}

/// Column checkpoints for the line `start..end`, when it is long.
fn add_checkpoints(bytes: &[u8], start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    if end - start <= CHECKPOINT {
        return;
    }
    let mut col = 0; // chars from the line start to `i`
    let mut last = start;
    for (i, &b) in bytes.iter().enumerate().take(end).skip(start) {
        if b & 0xc0 != 0x80 {
            if i - last >= CHECKPOINT {
                out.push((i, col));
                last = i;
            }
            col += 1;
        }
    }
}

fn floor_char_boundary(text: &str, mut pos: usize) -> usize {
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_all_line_ends() {
        let text = "ab\r\nдвa\rx\ny";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(), 4);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        let a = text.find('a').unwrap();
        let a2 = text[a + 1..].find('a').unwrap() + a + 1;
        assert_eq!(idx.line_col(text, a2), (2, 3));
        assert_eq!(idx.line_col(text, text.find('x').unwrap()), (3, 1));
        assert_eq!(idx.line_col(text, text.len()), (4, 2));
        assert_eq!(idx.line_span(text, 0), (0, 2));
    }

    #[test]
    fn columns_on_long_lines_match_a_plain_count() {
        let mut text = String::from("short\n");
        for i in 0..3000 {
            text.push_str(if i % 3 == 0 { "дом " } else { "word “x” " });
        }
        text.push_str("\rtail");
        let idx = LineIndex::new(&text);
        assert!(!idx.checkpoints.is_empty());
        let mut pos = 0;
        while pos <= text.len() {
            if text.is_char_boundary(pos) {
                let line = idx.line_of(pos);
                let start = idx.line_starts()[line];
                let want = (line + 1, text[start..pos].chars().count() + 1);
                assert_eq!(idx.line_col(&text, pos), want, "at {pos}");
            }
            pos += 7;
        }
    }
}
