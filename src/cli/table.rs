//! Go's `text/tabwriter` as the docker CLI configures it:
//! `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)` — min width 10, padding 3.
//! Cells end at `\t`; the last cell of a line is never padded.

/// Aligns tab-separated `text` (lines end with `\n`) with min width 10 and padding 3.
pub fn tabwrite(text: &str) -> String {
    tabwrite_with(text, 10, 3)
}

/// Aligns with an explicit min width and padding (Go's tabwriter algorithm,
/// column blocks included).
pub fn tabwrite_with(text: &str, minwidth: usize, padding: usize) -> String {
    let mut lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
    let trailing_newline = text.ends_with('\n');
    if trailing_newline {
        lines.pop();
    }
    let mut w = Writer { lines: &lines, widths: Vec::new(), out: String::new(), minwidth, padding };
    w.format(0, lines.len());
    if !trailing_newline && w.out.ends_with('\n') {
        w.out.pop();
    }
    w.out
}

struct Writer<'a> {
    lines: &'a [Vec<&'a str>],
    widths: Vec<usize>,
    out: String,
    minwidth: usize,
    padding: usize,
}

impl Writer<'_> {
    fn format(&mut self, mut line0: usize, line1: usize) {
        let column = self.widths.len();
        let mut this = line0;
        while this < line1 {
            if column + 1 >= self.lines[this].len() {
                this += 1;
                continue;
            }
            self.write_lines(line0, this);
            line0 = this;
            let mut width = self.minwidth;
            while this < line1 && column + 1 < self.lines[this].len() {
                let cell_width = self.lines[this][column].chars().count() + self.padding;
                width = width.max(cell_width);
                this += 1;
            }
            self.widths.push(width);
            self.format(line0, this);
            self.widths.pop();
            line0 = this;
        }
        self.write_lines(line0, line1);
    }

    fn write_lines(&mut self, from: usize, to: usize) {
        for line in &self.lines[from..to] {
            for (j, cell) in line.iter().enumerate() {
                self.out.push_str(cell);
                if j + 1 < line.len() {
                    if let Some(&width) = self.widths.get(j) {
                        let used = cell.chars().count();
                        self.out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
                    }
                }
            }
            self.out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_ps_header_matches_docker() {
        let header = "CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES\n";
        assert_eq!(tabwrite(header), "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n");
    }

    #[test]
    fn widest_cell_sets_the_column() {
        let t = tabwrite("REPOSITORY\tTAG\nverylongrepository\tlatest\n");
        assert_eq!(t, "REPOSITORY           TAG\nverylongrepository   latest\n");
    }
}
