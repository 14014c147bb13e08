//! The findings budgets, applied as reports are handed over in path order: a file's
//! findings past `findings_per_file` and a run's past `findings` are cut, and one `limits`
//! finding says so. Nothing but a count is kept across files, so the cut costs no memory,
//! and it is the same whatever the number of threads.

use crate::check::limits;
use crate::lint::FileReport;

use crate::limits::{Budget, Exceeded};

/// The run's findings budget, counting as reports come.
#[derive(Debug)]
pub struct FindingsCut {
    /// Findings per run; `None` for no limit.
    limit: Option<u64>,
    /// Findings reported so far.
    reported: u64,
    /// The run's budget ran out.
    spent: bool,
    /// Files whose findings were cut to their budget, and the largest budget hit.
    files_cut: usize,
    per_file_limit: u64,
}

impl FindingsCut {
    /// A run with a budget of `limit` findings.
    pub fn new(limit: Option<u64>) -> Self {
        FindingsCut {
            limit,
            reported: 0,
            spent: false,
            files_cut: 0,
            per_file_limit: 0,
        }
    }

    /// Cuts the next report's findings to the file's budget (`per_file`) and to what is
    /// left of the run's.
    pub fn apply(&mut self, report: &mut FileReport, per_file: Option<u64>) {
        if self.spent {
            report.retain_findings(|_| false);
            return;
        }
        if let Some(limit) = per_file {
            let keep = usize::try_from(limit).unwrap_or(usize::MAX);
            let more = report.findings.len().saturating_sub(keep);
            if more > 0 {
                report.cut_findings(keep, limits::findings_per_file(limit, more));
                self.files_cut += 1;
                self.per_file_limit = self.per_file_limit.max(limit);
            }
        }
        let count = report.findings.len() as u64;
        if let Some(limit) = self.limit {
            let left = limit - self.reported;
            if count > left {
                let keep = usize::try_from(left).unwrap_or(usize::MAX);
                let more = report.findings.len() - keep;
                report.cut_findings(keep, limits::findings(limit, more));
                self.reported = limit;
                self.spent = true;
                return;
            }
        }
        self.reported += count;
    }

    /// The budgets that were hit, for the errors that fail the run.
    pub fn exceeded(&self) -> Vec<Exceeded> {
        let mut hit = Vec::new();
        if self.files_cut > 0 {
            hit.push(Exceeded {
                budget: Budget::FindingsPerFile,
                what: format!(
                    "{} file{} had more than {} findings; the first ones are reported",
                    self.files_cut,
                    if self.files_cut == 1 { "" } else { "s" },
                    self.per_file_limit
                ),
            });
        }
        if let (true, Some(limit)) = (self.spent, self.limit) {
            hit.push(Exceeded {
                budget: Budget::Findings,
                what: format!(
                    "the run had more than {limit} findings; the first {limit} in path order are reported"
                ),
            });
        }
        hit
    }
}
