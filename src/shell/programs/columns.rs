//! `ls`'s many-per-line layout: GNU's (as many columns as fit, each as wide
//! as its longest name plus two, padded with tabs at stops of 8) and
//! BusyBox's (one width for every column). Names run down the columns.

/// `names` laid out for a terminal `width` columns wide, or one per line
/// when `width` is `None`.
pub fn layout(names: &[String], width: Option<usize>, busybox: bool) -> String {
    let Some(width) = width.filter(|_| !names.is_empty()) else {
        return names.iter().map(|n| format!("{n}\n")).collect();
    };
    let lens: Vec<usize> = names.iter().map(|n| n.chars().count()).collect();
    let n = names.len();
    if busybox {
        let colw = lens.iter().max().copied().unwrap_or(0) + 2;
        let cols = (width / colw).max(1);
        let rows = n.div_ceil(cols);
        let cols = n.div_ceil(rows);
        let mut out = String::new();
        for r in 0..rows {
            for c in 0..cols {
                let i = r + c * rows;
                if i >= n {
                    break;
                }
                out.push_str(&names[i]);
                if i + rows < n && c + 1 < cols {
                    out.push_str(&" ".repeat(colw - lens[i]));
                }
            }
            out.push('\n');
        }
        return out;
    }
    // GNU: the most columns whose line stays shorter than the width.
    let max_cols = (width / 3).clamp(1, n);
    let mut best = (1usize, vec![0usize]);
    for cols in 1..=max_cols {
        let rows = n.div_ceil(cols);
        let mut widths = vec![0usize; cols];
        for (i, len) in lens.iter().enumerate() {
            let c = i / rows;
            widths[c] = widths[c].max(len + if c + 1 == cols { 0 } else { 2 });
        }
        if widths.iter().sum::<usize>() < width {
            best = (cols, widths);
        }
    }
    let (cols, widths) = best;
    let rows = n.div_ceil(cols);
    let mut out = String::new();
    for r in 0..rows {
        let mut pos = 0;
        for (c, w) in widths.iter().enumerate() {
            let i = r + c * rows;
            if i >= n {
                break;
            }
            out.push_str(&names[i]);
            if i + rows >= n {
                break;
            }
            // Pad to the next column with tabs where a tab stop fits, as GNU's indent().
            let (mut from, to) = (pos + lens[i], pos + w);
            while from < to {
                if to / 8 > (from + 1) / 8 {
                    out.push('\t');
                    from += 8 - from % 8;
                } else {
                    out.push(' ');
                    from += 1;
                }
            }
            pos += w;
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Vec<String> {
        "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango"
            .split(' ')
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn gnu_and_busybox_columns_as_recorded() {
        assert_eq!(
            layout(&words(), Some(80), false),
            "alpha  charlie\techo\t golf\tindia\tkilo  mike\toscar  quebec  sierra\nbravo  delta\tfoxtrot  hotel\tjuliet\tlima  november\tpapa   romeo   tango\n"
        );
        assert_eq!(
            layout(&words(), Some(80), true),
            "alpha     delta     golf      juliet    mike      papa      sierra\nbravo     echo      hotel     kilo      november  quebec    tango\ncharlie   foxtrot   india     lima      oscar     romeo\n"
        );
        assert_eq!(layout(&words()[..2], None, false), "alpha\nbravo\n");
    }
}
