//! Byte offset <-> line/column conversion.

/// Start offsets of every line. `\n`, `\r\n` and a lone `\r` all end a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
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
        let col = text[start.min(pos)..pos].chars().count();
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
}
