//! The terminal's side of the [`Engine`]: typed lines, Ctrl-C and Ctrl-D,
//! the prompt, and the views the page and the lessons read. These live with
//! the CLI (not in `engine.rs`) so that data flows one way: the terminal
//! calls into the engine's state, never the reverse.

use super::CommandOutput;
use crate::Engine;

impl Engine {
    /// Runs one terminal line: a host shell line (which may run `docker …`),
    /// or, inside `docker run -it`/`docker exec -it`, a line for the container.
    pub fn run_command(&mut self, line: &str) -> CommandOutput {
        self.daemon.now += 1;
        let secret = self.input_is_secret();
        let output = super::run_line(self, line);
        // A password answers the docker client, not the shell: it is not history.
        if !secret {
            self.history.push((line.to_string(), output.exit_code));
        }
        self.stamp_logs();
        output
    }

    /// The next line answers a password prompt: the terminal does not echo
    /// it and nothing keeps it.
    pub fn input_is_secret(&self) -> bool {
        matches!(self.question, Some(crate::engine::Question::Password { .. })) || self.session.as_ref().is_some_and(super::sql::asking)
    }

    /// Dates what containers printed during the last command.
    pub(crate) fn stamp_logs(&mut self) {
        super::start::timed_exits(self);
        super::start::health_checks(self);
        let now = self.daemon.now;
        for c in self.daemon.containers.iter_mut() {
            c.stamp_logs(now);
        }
    }

    /// Ctrl-C: a REPL shows its hint, a shell drops the line, a `[y/N]` question is cancelled.
    pub fn interrupt(&mut self) -> CommandOutput {
        let output = super::interrupt(self);
        self.stamp_logs();
        output
    }

    /// Ctrl-D on an empty line: leaves a shell or REPL session (like `exit`).
    pub fn end_of_input(&mut self) -> CommandOutput {
        let output = super::end_of_input(self);
        self.stamp_logs();
        output
    }

    /// The prompt to show before the next line (`learner@dockersim:~/app$ `,
    /// `root@1a2b3c4d5e6f:/# `, `> `…).
    pub fn prompt(&self) -> String {
        super::prompt(self)
    }

    /// The input ended (a script's last line, end of a pipe) while a construct
    /// was open: the shell runs what it has, as bash does at end of file.
    pub fn end_of_script(&mut self) -> Option<CommandOutput> {
        if self.host.pending.is_empty() {
            return None;
        }
        let text = std::mem::take(&mut self.host.pending);
        Some(super::run_complete(self, &text))
    }

    /// An image by reference (`nginx`, `app:1.0`, `nginx@sha256:…`) or ID prefix, as `docker` resolves it.
    pub fn image(&self, reference: &str) -> Option<&crate::image::Image> {
        self.daemon.find_image(reference).and_then(|id| self.daemon.images.get(&id))
    }

    /// Every container as `docker ps -a` shows it, newest first (serialisable).
    pub fn container_summaries(&self) -> Vec<super::ContainerSummary> {
        super::summary::containers(self)
    }

    /// Every image with its tags and layers (serialisable).
    pub fn image_summaries(&self) -> Vec<super::ImageSummary> {
        super::summary::images(self)
    }
}
