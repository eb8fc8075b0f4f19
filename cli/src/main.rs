//! `hubspot-webhooks`: sign, send, verify and receive HubSpot webhooks on the command line.
//!
//! Every rule (signatures, the schema, the answers, the fixtures, the diagnosis) is core's
//! (the `hubspot-webhooks` crate); this crate reads arguments and files, speaks HTTP and prints.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

mod common;
mod http;
mod listen;
mod render;
mod send;
mod sign;
mod url;
mod verify;

use common::{Exit, Failure};

/// Sign, send, verify and receive HubSpot webhooks, as HubSpot sends them.
#[derive(Parser)]
#[command(
    name = "hubspot-webhooks",
    version,
    propagate_version = true,
    after_help = "Exit codes: 0 done, 1 not verified or not accepted, 2 usage, 3 network, 4 input (cli/README.md)."
)]
struct Cli {
    /// Print machine-readable JSON instead of text for people.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the headers HubSpot would send with a body (or, with --curl, a ready curl command).
    Sign(sign::SignArgs),
    /// POST realistic signed deliveries of the given event types to a receiver, like HubSpot.
    #[command(visible_alias = "trigger")]
    Send(send::SendArgs),
    /// Check a captured request (raw HTTP or JSON {method,url,headers,body}) and print its events.
    Verify(verify::VerifyArgs),
    /// Receive deliveries on 127.0.0.1, verify them and print their events as JSON lines.
    Listen(listen::ListenArgs),
    /// List the event types `send` can make (core's fixtures).
    Types,
    /// List the verification options `--option NAME=VALUE` accepts (core's table).
    Options(OptionsArgs),
    /// List the typed fields of Webhooks API events (core's schema table): JSON name, kind,
    /// which subscription types carry them.
    Fields,
}

/// Where the client secrets come from. The first one given signs (`sign`, `send`); every one
/// is tried in order when verifying (`verify`, `listen`), as during a secret rotation.
#[derive(Args)]
struct SecretArgs {
    /// The app's client secret; repeat for several. Other users of the machine may see it in
    /// the process list: prefer --secret-file or the environment variable HUBSPOT_CLIENT_SECRET
    /// (read when neither --secret nor --secret-file is given).
    #[arg(long = "secret", value_name = "SECRET")]
    secrets: Vec<String>,
    /// A file holding a client secret (one trailing newline is removed); repeat for several.
    #[arg(long = "secret-file", value_name = "FILE")]
    secret_files: Vec<PathBuf>,
}

/// What `options` lists.
#[derive(Args)]
struct OptionsArgs {
    /// List the settings of the sample deliveries instead (core's fixture options, which the
    /// packages' `fixtures.delivery` takes by these names).
    #[arg(long)]
    fixtures: bool,
}

/// Verification options, by core's names.
#[derive(Args)]
struct OptionArgs {
    /// A verification option NAME=VALUE (repeatable), e.g. tolerance_ms=600000 or
    /// require_v3=true; `hubspot-webhooks options` lists them.
    #[arg(long = "option", short = 'o', value_name = "NAME=VALUE")]
    options: Vec<String>,
    /// After a signature or timestamp failure, say which deformation of the request would
    /// have matched (advice only: the verdict stays the same).
    #[arg(long)]
    diagnose: bool,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    let json = cli.json;
    let result = match cli.command {
        Command::Sign(args) => sign::run(args, json),
        Command::Send(args) => send::run(args, json),
        Command::Verify(args) => verify::run(args, json),
        Command::Listen(args) => listen::run(args, json),
        Command::Types => {
            render::print_types(json);
            Ok(Exit::Ok)
        }
        Command::Options(args) => {
            render::print_options(json, args.fixtures);
            Ok(Exit::Ok)
        }
        Command::Fields => {
            render::print_fields(json);
            Ok(Exit::Ok)
        }
    };
    let exit = match result {
        Ok(exit) => exit,
        Err(failure) => {
            failure.report(json);
            failure.exit
        }
    };
    ExitCode::from(exit as u8)
}

/// clap's answer to the arguments: help and version as clap prints them; a usage error as
/// clap prints it, or with `--json` anywhere in the arguments as the other errors are.
fn usage_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let exit = match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Exit::Ok,
        _ => Exit::Usage,
    };
    let help = exit == Exit::Ok || error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand;
    if help || !std::env::args_os().skip(1).any(|a| a == "--json") {
        let _ = error.print();
        return ExitCode::from(exit as u8);
    }
    let text = error.render().to_string();
    let message = text.lines().next().unwrap_or_default().trim_start_matches("error: ");
    Failure::usage(message).report(true);
    ExitCode::from(Exit::Usage as u8)
}

impl Failure {
    fn report(&self, json: bool) {
        if json {
            let error = serde_json::json!({"error": self.exit.name(), "message": self.message});
            common::err_line(format_args!("{error}"));
        } else {
            common::err_line(format_args!("hubspot-webhooks: {}", self.message));
        }
    }
}
