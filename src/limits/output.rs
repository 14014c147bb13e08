//! The `output_size` budget: a writer that passes on at most so many bytes, then fails
//! every write with an error that says which budget ran out.

use std::io::{self, Write};

use super::{Budget, Exceeded};

/// The error a [`Limited`] writer fails with once its budget is spent.
#[derive(Debug)]
pub struct OutputBudgetSpent {
    /// The budget, in bytes.
    pub limit: u64,
}

impl std::fmt::Display for OutputBudgetSpent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "output reached its budget of {} bytes", self.limit)
    }
}

impl std::error::Error for OutputBudgetSpent {}

impl OutputBudgetSpent {
    /// The budget an I/O error says was spent, if it is one.
    pub fn of(error: &io::Error) -> Option<&OutputBudgetSpent> {
        error.get_ref()?.downcast_ref()
    }

    /// The budget as the error that fails the run says it, for output `to`.
    pub fn exceeded(&self, to: &str) -> Exceeded {
        Exceeded {
            budget: Budget::OutputSize,
            what: format!("writing {to} stopped at {} bytes, the limit", self.limit),
        }
    }
}

/// A writer that writes at most `limit` bytes to `inner` (all of them when there is no
/// limit); a write past it writes what fits and fails.
pub struct Limited<W> {
    inner: W,
    limit: Option<u64>,
    written: u64,
}

impl<W: Write> Limited<W> {
    /// Writes to `inner`, at most `limit` bytes.
    pub fn new(inner: W, limit: Option<u64>) -> Self {
        Limited {
            inner,
            limit,
            written: 0,
        }
    }
}

impl<W: Write> Write for Limited<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let Some(limit) = self.limit else {
            return self.inner.write(buf);
        };
        let left = usize::try_from(limit - self.written).unwrap_or(usize::MAX);
        if left == 0 && !buf.is_empty() {
            return Err(io::Error::other(OutputBudgetSpent { limit }));
        }
        let n = self.inner.write(&buf[..buf.len().min(left)])?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_up_to_the_limit_then_fails_with_the_budget() {
        let mut out = Vec::new();
        let mut limited = Limited::new(&mut out, Some(5));
        limited.write_all(b"abc").unwrap();
        let error = limited.write_all(b"defgh").unwrap_err();
        assert_eq!(OutputBudgetSpent::of(&error).map(|b| b.limit), Some(5));
        assert_eq!(out, b"abcde");
    }

    #[test]
    fn without_a_limit_everything_is_written() {
        let mut out = Vec::new();
        Limited::new(&mut out, None).write_all(&[7; 1000]).unwrap();
        assert_eq!(out.len(), 1000);
        let other = io::Error::other("disk full");
        assert!(OutputBudgetSpent::of(&other).is_none());
    }
}
