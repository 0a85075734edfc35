//! Bar charts drawn at build time as inline SVG: no chart library and no
//! script. Each row is a label over its bar with the number at the bar's
//! end, so the chart reads at 360 px as at 1280 px; the page gives the
//! same numbers as a table for screen readers, so the drawing is hidden
//! from them.

use crate::opendata::stats::Chart;

use std::fmt::Write;

const WIDTH: u32 = 320;
const ROW: u32 = 40;

/// A share in whole percent, at most 100.
pub(crate) fn percent(value: u64, target: u64) -> u64 {
    ((u128::from(value) * 100 / u128::from(target.max(1))).min(100)) as u64
}

/// The SVG of a chart. Against a target, each bar is the share of its
/// target over a track of the whole.
pub(crate) fn bars(chart: &Chart, title: &str) -> String {
    let rows = &chart.rows;
    let max = rows.iter().map(|r| r.value).max().unwrap_or(0).max(1);
    let height = ROW * rows.len().max(1) as u32 + 4;
    let mut s = String::with_capacity(200 + rows.len() * 300);
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" aria-hidden=\"true\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        crate::text::xml(title)
    );
    let track = WIDTH - 56;
    for (n, r) in rows.iter().enumerate() {
        let y = n as u32 * ROW;
        let (fill, shown) = match r.target {
            Some(t) => {
                let p = percent(r.value, t);
                (p as u32 * track / 100, format!("{p}%"))
            }
            None => (
                (r.value * u64::from(track) / max) as u32,
                crate::text::grouped(r.value),
            ),
        };
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\" class=\"chart-label\">{}</text>",
            y + 15,
            crate::text::xml(&r.label)
        );
        if r.target.is_some() {
            let _ = write!(
                s,
                "<rect x=\"0\" y=\"{}\" width=\"{track}\" height=\"14\" rx=\"2\" class=\"chart-track\"/>",
                y + 21
            );
        }
        let _ = write!(
            s,
            "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"2\" class=\"chart-bar\"/><text x=\"{}\" y=\"{}\" class=\"chart-value\">{}</text>",
            y + 21,
            fill.max(u32::from(r.value > 0) * 2),
            if r.target.is_some() { track } else { fill } + 6,
            y + 33,
            shown
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opendata::stats::Row;

    #[test]
    fn draws_escaped_labels_and_shares() {
        let chart = Chart {
            id: "program",
            title: "t",
            label: "program",
            rows: vec![Row {
                label: "<Koperasi & Masjid>".into(),
                value: 300,
                target: Some(600),
            }],
        };
        let svg = bars(&chart, "Capaian");
        assert!(svg.contains("&lt;Koperasi &amp; Masjid&gt;"), "{svg}");
        assert!(svg.contains(">50%<"), "{svg}");
        assert_eq!(percent(900, 600), 100);
    }
}
