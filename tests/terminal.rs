//! End to end: margin and the terminal it shares with a shell. Job control
//! (Ctrl-Z, SIGTSTP, SIGSTOP, then `fg`) and keys typed before the first
//! frame, in a pseudo-terminal.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Pty, REPORT_TTY};

/// Runs margin as a job of bash with job control, as from an interactive
/// shell: its own process group, and bash gets the terminal back when it
/// stops. bash then reports the tty's mode, resets it as an interactive
/// bash does (`stty sane`), and waits for Enter before `fg`. margin's pid is
/// written to `$HOME/pid`.
fn margin_as_a_job(home: &Path) -> Pty {
    let script = format!(
        r#"sh -c 'echo $$ > "$HOME/pid"; exec "$MARGIN"'
if stty -a | grep -q ' icanon' && stty -a | grep -q ' echo '; then echo "STOPPED COOKED"; else echo "STOPPED RAW"; fi
stty sane
read -r _
fg {REPORT_TTY}
"#
    );
    std::fs::write(home.join("job.sh"), script).expect("write script");
    Pty::shell(
        "exec bash --norc --noprofile -m \"$HOME/job.sh\"",
        120,
        30,
        home,
    )
}

fn pid_of(home: &Path) -> String {
    std::fs::read_to_string(home.join("pid"))
        .expect("pid file")
        .trim()
        .to_owned()
}

/// Waits until the kernel reports the process stopped (state `T`).
fn wait_stopped(pid: &str) {
    let start = Instant::now();
    loop {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
        // The state follows the command name, which is in parentheses.
        let state = stat.rsplit(')').next().unwrap_or_default().trim_start();
        if state.starts_with('T') {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "not stopped: {stat}"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// Stops margin by `stop`, then checks what the shell gets (a cooked tty,
/// the main screen, the cursor, no mouse reporting) and that `fg` brings
/// the reader back drawn whole, with keys acting at once.
fn suspend_and_resume(stop: impl FnOnce(&mut Pty, &str)) {
    let home = tempfile::tempdir().expect("home");
    let mut pty = margin_as_a_job(home.path());
    pty.wait_for("¶1/10");
    pty.send("JJJ");
    pty.wait_for("¶4/10");
    let pid = pid_of(home.path());
    stop(&mut pty, &pid);
    wait_stopped(&pid);
    let screen = pty.wait_for("STOPPED");
    assert!(screen.contains("STOPPED COOKED"), "{screen}");
    assert!(!screen.contains("¶4/10"), "the shell's screen: {screen}");
    pty.assert_restored();

    // Enter: the script runs `fg`.
    pty.send("\r");
    // The alternate screen comes back empty: the article is on it only if
    // margin drew it again.
    pty.wait_until(
        |s| s.contains("¶4/10") && s.contains("Again where played what role?"),
        "the article drawn again",
    );
    // One key, no Enter: raw mode is back.
    pty.send("J");
    pty.wait_for("¶5/10");
    pty.send("q");
    pty.wait_for("exit=0");
    assert!(pty.screen().contains("COOKED exit=0"), "{}", pty.screen());
    pty.wait_exit();
    pty.assert_restored();
}

#[test]
fn suspend_with_ctrl_z_restores_the_terminal_and_fg_redraws() {
    suspend_and_resume(|pty, _| pty.send("\x1a"));
}

#[test]
fn suspend_by_sigtstp_restores_the_terminal_and_fg_redraws() {
    suspend_and_resume(|_, pid| {
        let status = Command::new("kill")
            .args(["-s", "TSTP", pid])
            .status()
            .expect("kill");
        assert!(status.success());
    });
}

/// SIGSTOP cannot be caught: the terminal stays margin's while it is
/// stopped, and the shell resets the tty. On SIGCONT margin takes the
/// terminal again and redraws.
#[test]
fn after_sigstop_fg_takes_the_terminal_again_and_redraws() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = margin_as_a_job(home.path());
    pty.wait_for("¶1/10");
    pty.send("JJJ");
    pty.wait_for("¶4/10");
    let pid = pid_of(home.path());
    let status = Command::new("kill")
        .args(["-s", "STOP", &pid])
        .status()
        .expect("kill");
    assert!(status.success());
    wait_stopped(&pid);
    pty.wait_for("STOPPED RAW");
    // bash, not margin, printed over the frame; `fg` after Enter.
    pty.send("\r");
    pty.send("J");
    pty.wait_until(
        |s| s.contains("¶5/10") && !s.contains("STOPPED"),
        "the article drawn again, one line down",
    );
    pty.send("q");
    pty.wait_for("COOKED exit=0");
    pty.wait_exit();
    pty.assert_restored();
}

/// Where no shell could continue margin (here it leads its own session),
/// Ctrl-Z stops nothing and says why.
#[test]
fn ctrl_z_without_a_job_control_shell_says_so_and_reading_goes_on() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[], 120, 30, home.path());
    pty.wait_for("¶1/10");
    pty.send("\x1a");
    pty.wait_for("no suspending");
    pty.send("J");
    pty.wait_for("¶2/10");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

/// Keys typed before the first frame (margin still starting) are acted on.
#[test]
fn keys_typed_before_the_first_frame_are_acted_on() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[], 120, 30, home.path());
    // Nothing waited for: the keys are written while margin starts.
    pty.send("JJJ");
    pty.wait_for("¶4/10");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

/// Enter typed before the first frame reaches margin as a line feed (the
/// tty was still cooked, and turned CR into LF); it still submits.
#[test]
fn enter_typed_before_the_first_frame_submits() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[], 120, 30, home.path());
    pty.send(":5\r");
    let screen = pty.wait_for("¶5/10");
    assert!(!screen.contains("go to ¶"), "{screen}");
    pty.send("/wangwang\r");
    pty.wait_for("match 1/3");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}
