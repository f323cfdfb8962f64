//! The .NET CLI as .NET tutorials use it in Microsoft's images: `dotnet new
//! console|web` writes the template's files, `restore`/`build`/`publish`
//! make `bin/…/NAME.dll` (with the apphost, deps.json, runtimeconfig.json;
//! a web app's appsettings and wwwroot), `run` builds and runs, and
//! `dotnet NAME.dll` runs an assembly. What an assembly does comes from the
//! sources (`csharp.rs`) and travels in it, as Go's and Java's do
//! (`toolchains.rs`); a web app run as a container's main process is
//! served by Kestrel (`container/aspnet.rs`).

use super::csharp;
use super::packages::{read_text, write_generated, write_text};
use super::toolchains::{write_artifact, Behaviour};
use super::Prog;
use crate::shell::interp::{Flow, Shell};
use crate::vfs::Node;

type Out = Result<Option<i32>, Flow>;

/// A PE file's first bytes (assemblies and their `.dll`).
const PE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00";

/// Where Microsoft's images install .NET.
pub const DOTNET_ROOT: &str = "/usr/share/dotnet";

/// The framework an ASP.NET Core app runs on (the runtimeconfig's name).
pub const ASPNET: &str = "Microsoft.AspNetCore.App";
const NETCORE: &str = "Microsoft.NETCore.App";

/// Exit status of the muxer when it cannot run what it was given
/// (hostfxr's error codes end in 0x91 and 0x96).
const NO_SDK_STATUS: i32 = 145;
const FRAMEWORK_MISSING_STATUS: i32 = 150;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    if prog.name != "dotnet" {
        return Ok(None);
    }
    let args: Vec<&str> = argv[1..].iter().map(String::as_str).collect();
    dotnet(sh, &args).map(Some)
}

/// What the machine has installed under the dotnet root.
struct Install {
    sdks: Vec<String>,
    /// (framework, version).
    runtimes: Vec<(String, String)>,
}

fn versions_in(sh: &Shell, dir: &str) -> Vec<String> {
    let mut v: Vec<String> = match sh.fs().get(dir) {
        Ok(Node::Dir { entries, .. }) => entries.keys().filter(|k| k.chars().next().is_some_and(|c| c.is_ascii_digit())).cloned().collect(),
        _ => Vec::new(),
    };
    v.sort_by_key(|s| version_key(s));
    v
}

fn version_key(v: &str) -> Vec<u64> {
    v.split(['.', '-']).map(|p| p.parse().unwrap_or(0)).collect()
}

fn install(sh: &Shell) -> Install {
    let sdks = versions_in(sh, &format!("{DOTNET_ROOT}/sdk"));
    let mut runtimes = Vec::new();
    for fw in [ASPNET, NETCORE] {
        for v in versions_in(sh, &format!("{DOTNET_ROOT}/shared/{fw}")) {
            runtimes.push((fw.to_string(), v));
        }
    }
    Install { sdks, runtimes }
}

fn major(v: &str) -> String {
    v.split('.').take(2).collect::<Vec<_>>().join(".")
}

fn dotnet(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let inst = install(sh);
    let first = args.first().copied().unwrap_or("");
    if first.ends_with(".dll") || first.ends_with(".exe") {
        return run_assembly(sh, &inst, first, &args[1..]);
    }
    match first {
        "--list-runtimes" => {
            let mut out = String::new();
            for (fw, v) in &inst.runtimes {
                out.push_str(&format!("{fw} {v} [{DOTNET_ROOT}/shared/{fw}]\n"));
            }
            sh.out_str(&out)?;
            return Ok(0);
        }
        "--list-sdks" => {
            let out: String = inst.sdks.iter().map(|v| format!("{v} [{DOTNET_ROOT}/sdk]\n")).collect();
            sh.out_str(&out)?;
            return Ok(0);
        }
        _ => {}
    }
    let Some(sdk) = inst.sdks.last().cloned() else {
        return no_sdk(sh, &inst, first);
    };
    match first {
        "--version" => {
            sh.out_str(&format!("{sdk}\n"))?;
            Ok(0)
        }
        "--info" => info(sh, &inst, &sdk),
        "" | "-h" | "--help" | "help" => {
            sh.out_str("Usage: dotnet [sdk-options] [command] [command-options] [arguments]\n\nExecute a .NET SDK command.\n\nsdk-options:\n  -d|--diagnostics  Enable diagnostic output.\n  -h|--help         Show command line help.\n  --info            Display .NET information.\n  --list-runtimes   Display the installed runtimes.\n  --list-sdks       Display the installed SDKs.\n  --version         Display .NET SDK version in use.\n\nSDK commands:\n  build             Build a .NET project.\n  new               Create a new .NET project or file.\n  publish           Publish a .NET project for deployment.\n  restore           Restore dependencies specified in a .NET project.\n  run               Build and run a .NET project output.\n\nRun 'dotnet [command] --help' for more information on a command.\n")?;
            Ok(if first.is_empty() { 129 } else { 0 })
        }
        "new" => new(sh, &sdk, &args[1..]),
        "restore" | "build" | "publish" | "run" => project_command(sh, &sdk, first, &args[1..]),
        "test" | "pack" | "watch" | "tool" | "add" | "ef" | "dev-certs" | "sln" | "nuget" | "clean" | "format" | "workload" => {
            sh.err_str(&format!("dockersim: dotnet {first} is not simulated (new, restore, build, publish and run are)\n"))?;
            Ok(1)
        }
        other => {
            sh.err_str(&format!("Could not execute because the specified command or file was not found.\nPossible reasons for this include:\n  * You misspelled a built-in dotnet command.\n  * You intended to execute a .NET program, but dotnet-{other} does not exist.\n  * You intended to run a global tool, but a dotnet-prefixed executable with this name could not be found on the PATH.\n"))?;
            Ok(1)
        }
    }
}

/// The muxer without an SDK (the runtime and aspnet images).
fn no_sdk(sh: &mut Shell, inst: &Install, first: &str) -> Result<i32, Flow> {
    match first {
        "--version" | "--info" => {
            let host = inst.runtimes.iter().rfind(|(f, _)| f == NETCORE).map(|(_, v)| v.clone()).unwrap_or_default();
            let mut out = format!("\nHost:\n  Version:      {host}\n  Architecture: x64\n  Commit:       {}\n\n.NET SDKs installed:\n  No SDKs were found.\n\n.NET runtimes installed:\n", commit(&host));
            for (fw, v) in &inst.runtimes {
                out.push_str(&format!("  {fw} {v} [{DOTNET_ROOT}/shared/{fw}]\n"));
            }
            out.push_str("\nOther architectures found:\n  None\n\nEnvironment variables:\n  Not set\n\nglobal.json file:\n  Not found\n\nLearn more:\n  https://aka.ms/dotnet/info\n\nDownload .NET:\n  https://aka.ms/dotnet/download\n");
            sh.out_str(&out)?;
            Ok(0)
        }
        _ => {
            let what = if first.is_empty() {
                String::new()
            } else {
                format!("  * You intended to execute a .NET application:\n      The application '{first}' does not exist.\n")
            };
            sh.err_str(&format!("The command could not be loaded, possibly because:\n{what}  * You intended to execute a .NET SDK command:\n      No .NET SDKs were found.\n\nDownload a .NET SDK:\nhttps://aka.ms/dotnet/download\n\nLearn about SDK resolution:\nhttps://aka.ms/dotnet/sdk-not-found\n"))?;
            Ok(NO_SDK_STATUS)
        }
    }
}

/// A short commit id per release (the build's, as `--info` shows it).
fn commit(version: &str) -> String {
    crate::digest::sha256_hex(version.as_bytes())[..10].to_string()
}

fn info(sh: &mut Shell, inst: &Install, sdk: &str) -> Result<i32, Flow> {
    let host = inst.runtimes.iter().rfind(|(f, _)| f == NETCORE).map(|(_, v)| v.clone()).unwrap_or_default();
    let os = sh.fs().read("/etc/os-release").map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    let field = |k: &str| os.lines().find_map(|l| l.strip_prefix(&format!("{k}="))).unwrap_or("").trim_matches('"').to_string();
    let (id, ver) = (field("ID"), field("VERSION_ID"));
    let ver = if id == "alpine" { ver.split('.').take(2).collect::<Vec<_>>().join(".") } else { ver };
    let mut out = format!(
        ".NET SDK:\n Version:           {sdk}\n Commit:            {}\n Workload version:  {sdk}-manifests.{}\n MSBuild version:   {}\n\nRuntime Environment:\n OS Name:     {id}\n OS Version:  {ver}\n OS Platform: Linux\n RID:         {}-x64\n Base Path:   {DOTNET_ROOT}/sdk/{sdk}/\n\n.NET workloads installed:\nThere are no installed workloads to display.\nConfigured to use loose manifests when installing new manifests.\n\nHost:\n  Version:      {host}\n  Architecture: x64\n  Commit:       {}\n\n.NET SDKs installed:\n",
        commit(sdk),
        &commit(&format!("w{sdk}"))[..8],
        msbuild(sdk),
        if id == "alpine" { "linux-musl" } else { "linux" },
        commit(&host)
    );
    for v in &inst.sdks {
        out.push_str(&format!("  {v} [{DOTNET_ROOT}/sdk]\n"));
    }
    out.push_str("\n.NET runtimes installed:\n");
    for (fw, v) in &inst.runtimes {
        out.push_str(&format!("  {fw} {v} [{DOTNET_ROOT}/shared/{fw}]\n"));
    }
    out.push_str("\nOther architectures found:\n  None\n\nEnvironment variables:\n  Not set\n\nglobal.json file:\n  Not found\n\nLearn more:\n  https://aka.ms/dotnet/info\n\nDownload .NET:\n  https://aka.ms/dotnet/download\n");
    sh.out_str(&out)?;
    Ok(0)
}

/// The MSBuild release an SDK band carries.
fn msbuild(sdk: &str) -> &'static str {
    match major(sdk).as_str() {
        "10.0" => "18.0.2+b0f34d51f",
        "9.0" => "17.12.12+1cce77968",
        "8.0" => "17.11.9+a69bbaaf5",
        "7.0" => "17.7.6+77d58ec69",
        _ => "17.3.4+a400405ba",
    }
}

/// The line MSBuild starts a build with.
fn msbuild_banner(sdk: &str) -> String {
    let v = msbuild(sdk);
    if major(sdk) == "6.0" {
        format!("Microsoft (R) Build Engine version {v} for .NET\nCopyright (C) Microsoft Corporation. All rights reserved.\n\n")
    } else {
        format!("MSBuild version {v} for .NET\n")
    }
}

// ------------------------------------------------------------ dotnet new ----

fn new(sh: &mut Shell, sdk: &str, args: &[&str]) -> Result<i32, Flow> {
    let mut template = None;
    let mut output: Option<String> = None;
    let mut name: Option<String> = None;
    let mut framework: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i] {
            "-o" | "--output" => {
                output = args.get(i + 1).map(|s| s.to_string());
                i += 1;
            }
            "-n" | "--name" => {
                name = args.get(i + 1).map(|s| s.to_string());
                i += 1;
            }
            "-f" | "--framework" => {
                framework = args.get(i + 1).map(|s| s.to_string());
                i += 1;
            }
            "--force" | "--no-restore" | "--use-program-main" => {}
            a if template.is_none() && !a.starts_with('-') => template = Some(a.to_string()),
            a => {
                sh.err_str(&format!("dockersim: dotnet new option {a} is not simulated\n"))?;
                return Ok(1);
            }
        }
        i += 1;
    }
    let no_restore = args.contains(&"--no-restore");
    let program_main = args.contains(&"--use-program-main");
    let Some(template) = template else {
        sh.out_str("The 'dotnet new' command creates a .NET project based on a template.\n\nCommon templates are:\nTemplate Name                 Short Name    Language    Tags\n----------------------------  ------------  ----------  --------------------\nASP.NET Core Empty            web           [C#],F#     Web/Empty\nConsole App                   console       [C#],F#,VB  Common/Console\n\nAn example would be:\n   dotnet new console\n\nDisplay template options with:\n   dotnet new console -h\nDisplay all installed templates with:\n   dotnet new list\n")?;
        return Ok(0);
    };
    let dir = match &output {
        Some(o) => sh.abs(o),
        None => sh.cwd.clone(),
    };
    let name = name.unwrap_or_else(|| dir.rsplit('/').find(|s| !s.is_empty()).unwrap_or("app").to_string());
    let tfm = framework.unwrap_or_else(|| format!("net{}", major(sdk)));
    let (title, files): (&str, Vec<(String, String)>) = match template.as_str() {
        "console" => ("Console App", console_template(&name, &tfm, program_main)),
        "web" => ("ASP.NET Core Empty", web_template(&name, &tfm)),
        "gitignore" | "globaljson" | "sln" | "webapi" | "webapp" | "razor" | "mvc" | "classlib" | "worker" | "xunit" | "nunit"
        | "blazor" | "grpc" => {
            sh.err_str(&format!("dockersim: the {template} template is not simulated (console and web are)\n"))?;
            return Ok(1);
        }
        other => {
            sh.err_str(&format!("No templates or subcommands found matching: '{other}'.\n\nTo list installed templates similar to '{other}', run:\n   dotnet new list {other}\nTo search for the templates on NuGet.org, run:\n   dotnet new search {other}\n\nFor details on the exit code, refer to https://aka.ms/templating-exit-codes#103\n"))?;
            return Ok(103);
        }
    };
    for (rel, _) in &files {
        let p = crate::vfs::join(&dir, rel);
        if sh.fs().exists(&p) && !args.contains(&"--force") {
            sh.err_str(&format!("Creating this template will make changes to existing files:\n  Overwrite   ./{rel}\n\nRerun the command and pass --force to accept and create.\n\nFor details on the exit code, refer to https://aka.ms/templating-exit-codes#73\n"))?;
            return Ok(73);
        }
    }
    for (rel, text) in &files {
        let p = crate::vfs::join(&dir, rel);
        write_text(sh, &p, text);
    }
    let mut out = format!("The template \"{title}\" was created successfully.\n");
    if !no_restore {
        let project = crate::vfs::join(&dir, &format!("{name}.csproj"));
        write_obj(sh, &dir, &name, &tfm);
        out.push_str(&format!("\nProcessing post-creation actions...\nRestoring {project}:\n"));
        out.push_str(&format!("  Determining projects to restore...\n  Restored {project} (in 82 ms).\nRestore succeeded.\n\n"));
    }
    sh.out_str(&out)?;
    Ok(0)
}

fn console_template(name: &str, tfm: &str, program_main: bool) -> Vec<(String, String)> {
    let csproj = format!("<Project Sdk=\"Microsoft.NET.Sdk\">\n\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>{tfm}</TargetFramework>\n    <ImplicitUsings>enable</ImplicitUsings>\n    <Nullable>enable</Nullable>\n  </PropertyGroup>\n\n</Project>\n");
    let program = if program_main {
        let ns = name.replace(['-', ' '], "_");
        format!("namespace {ns};\n\nclass Program\n{{\n    static void Main(string[] args)\n    {{\n        Console.WriteLine(\"Hello, World!\");\n    }}\n}}\n")
    } else {
        "// See https://aka.ms/new-console-template for more information\nConsole.WriteLine(\"Hello, World!\");\n".to_string()
    };
    vec![(format!("{name}.csproj"), csproj), ("Program.cs".into(), program)]
}

fn web_template(name: &str, tfm: &str) -> Vec<(String, String)> {
    let csproj = format!("<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n\n  <PropertyGroup>\n    <TargetFramework>{tfm}</TargetFramework>\n    <Nullable>enable</Nullable>\n    <ImplicitUsings>enable</ImplicitUsings>\n  </PropertyGroup>\n\n</Project>\n");
    let program = "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\n\napp.MapGet(\"/\", () => \"Hello World!\");\n\napp.Run();\n".to_string();
    let settings = "{\n  \"Logging\": {\n    \"LogLevel\": {\n      \"Default\": \"Information\",\n      \"Microsoft.AspNetCore\": \"Warning\"\n    }\n  },\n  \"AllowedHosts\": \"*\"\n}\n".to_string();
    let dev = "{\n  \"Logging\": {\n    \"LogLevel\": {\n      \"Default\": \"Information\",\n      \"Microsoft.AspNetCore\": \"Warning\"\n    }\n  }\n}\n".to_string();
    // The launch profile's port is random per project; fixed per name here.
    let port = 5000 + (crate::digest::sha256_hex(name.as_bytes()).bytes().map(u32::from).sum::<u32>() % 300);
    let launch = format!("{{\n  \"$schema\": \"https://json.schemastore.org/launchsettings.json\",\n  \"profiles\": {{\n    \"http\": {{\n      \"commandName\": \"Project\",\n      \"dotnetRunMessages\": true,\n      \"launchBrowser\": true,\n      \"applicationUrl\": \"http://localhost:{port}\",\n      \"environmentVariables\": {{\n        \"ASPNETCORE_ENVIRONMENT\": \"Development\"\n      }}\n    }}\n  }}\n}}\n");
    vec![
        (format!("{name}.csproj"), csproj),
        ("Program.cs".into(), program),
        ("appsettings.json".into(), settings),
        ("appsettings.Development.json".into(), dev),
        ("Properties/launchSettings.json".into(), launch),
    ]
}

/// restore's files under `obj/`.
fn write_obj(sh: &mut Shell, dir: &str, name: &str, tfm: &str) {
    let obj = crate::vfs::join(dir, "obj");
    write_text(sh, &format!("{obj}/project.assets.json"), &format!("{{\n  \"version\": 3,\n  \"targets\": {{\n    \"{}\": {{}}\n  }},\n  \"project\": {{\n    \"version\": \"1.0.0\",\n    \"restore\": {{\n      \"projectName\": \"{name}\",\n      \"projectPath\": \"{dir}/{name}.csproj\",\n      \"outputPath\": \"{obj}/\"\n    }}\n  }}\n}}\n", framework_moniker(tfm)));
    write_text(
        sh,
        &format!("{obj}/project.nuget.cache"),
        &format!("{{\n  \"version\": 2,\n  \"success\": true,\n  \"projectFilePath\": \"{dir}/{name}.csproj\"\n}}\n"),
    );
    write_text(sh, &format!("{obj}/{name}.csproj.nuget.g.props"), "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?>\n<Project ToolsVersion=\"14.0\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\" />\n");
    write_text(
        sh,
        &format!("{obj}/{name}.csproj.nuget.g.targets"),
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?>\n<Project />\n",
    );
}

/// `net8.0` → `net8.0` (the assets file's target key).
fn framework_moniker(tfm: &str) -> String {
    tfm.to_string()
}

// ------------------------------------------------------ project commands ----

/// A project file's facts.
struct Project {
    dir: String,
    path: String,
    name: String,
    tfm: String,
    web: bool,
    exe: bool,
    packages: Vec<(String, String)>,
}

fn read_project(sh: &Shell, path: &str) -> Option<Project> {
    let text = read_text(sh, path)?;
    let tag = |t: &str| {
        let open = format!("<{t}>");
        let i = text.find(&open)? + open.len();
        let j = text[i..].find('<')? + i;
        Some(text[i..j].trim().to_string())
    };
    let dir = path.rsplit_once('/').map_or("/", |(d, _)| if d.is_empty() { "/" } else { d }).to_string();
    let stem = path.rsplit('/').next().unwrap_or("").trim_end_matches(".csproj").to_string();
    let web = text.contains("Sdk=\"Microsoft.NET.Sdk.Web\"");
    let mut packages = Vec::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("<PackageReference") {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let attrs = &rest[..end];
        let attr = |k: &str| attrs.split(&format!("{k}=\"")).nth(1).and_then(|v| v.split('"').next()).map(str::to_string);
        if let Some(inc) = attr("Include") {
            packages.push((inc, attr("Version").unwrap_or_default()));
        }
    }
    Some(Project {
        dir,
        path: path.to_string(),
        name: tag("AssemblyName").unwrap_or(stem),
        tfm: tag("TargetFramework")
            .or_else(|| tag("TargetFrameworks").map(|t| t.split(';').next().unwrap_or("").to_string()))
            .unwrap_or_default(),
        web,
        exe: web || tag("OutputType").is_some_and(|o| o.eq_ignore_ascii_case("exe")),
        packages,
    })
}

/// The project the command names (a file, a directory) or the one in the
/// working directory; Err(status) after MSBuild's error.
fn find_project(sh: &mut Shell, sdk: &str, arg: Option<&str>, cmd: &str) -> Result<Result<Project, i32>, Flow> {
    let target = arg.map(|a| sh.abs(a)).unwrap_or_else(|| sh.cwd.clone());
    let file = if target.ends_with(".csproj") || target.ends_with(".sln") {
        if !sh.fs().exists(&target) {
            sh.out_str(&msbuild_banner(sdk))?;
            sh.err_str(&format!("MSBUILD : error MSB1009: Project file does not exist.\nSwitch: {}\n", arg.unwrap_or("")))?;
            return Ok(Err(1));
        }
        target
    } else {
        let names: Vec<String> = match sh.fs().get(&target) {
            Ok(Node::Dir { entries, .. }) => entries.keys().filter(|n| n.ends_with(".csproj") || n.ends_with(".sln")).cloned().collect(),
            _ => Vec::new(),
        };
        match names.as_slice() {
            [one] => crate::vfs::join(&target, one),
            [] if cmd == "run" => {
                sh.err_str(&format!("Couldn't find a project to run. Ensure a project exists in {target}, or pass the path to the project using --project.\n"))?;
                return Ok(Err(1));
            }
            [] => {
                sh.out_str(&msbuild_banner(sdk))?;
                sh.err_str("MSBUILD : error MSB1003: Specify a project or solution file. The current working directory does not contain a project or solution file.\n")?;
                return Ok(Err(1));
            }
            _ if names.iter().filter(|n| n.ends_with(".csproj")).count() == 1 && cmd == "run" => {
                let one = names.iter().find(|n| n.ends_with(".csproj")).cloned().unwrap_or_default();
                crate::vfs::join(&target, &one)
            }
            _ => {
                sh.out_str(&msbuild_banner(sdk))?;
                sh.err_str("MSBUILD : error MSB1011: Specify which project or solution file to use because this folder contains more than one project or solution file.\n")?;
                return Ok(Err(1));
            }
        }
    };
    let file = if file.ends_with(".sln") {
        // A solution: its (first) project.
        let sln = read_text(sh, &file).unwrap_or_default();
        let dir = file.rsplit_once('/').map_or("/".to_string(), |(d, _)| d.to_string());
        match sln
            .lines()
            .find_map(|l| l.split(", \"").nth(1).filter(|p| p.contains(".csproj")).map(|p| p.trim_end_matches('"').replace('\\', "/")))
        {
            Some(p) => crate::vfs::join(&dir, &p),
            None => {
                sh.err_str("dockersim: a solution without C# projects is not simulated\n")?;
                return Ok(Err(1));
            }
        }
    } else {
        file
    };
    match read_project(sh, &file) {
        Some(p) if !p.tfm.is_empty() => Ok(Ok(p)),
        Some(p) => {
            sh.err_str(&format!("dockersim: {}: a project without <TargetFramework> is not simulated\n", p.path))?;
            Ok(Err(1))
        }
        None => {
            sh.err_str(&format!("MSBUILD : error MSB1009: Project file does not exist.\nSwitch: {file}\n"))?;
            Ok(Err(1))
        }
    }
}

/// The options of build/publish/run/restore.
#[derive(Default)]
struct Opts {
    project: Option<String>,
    configuration: Option<String>,
    output: Option<String>,
    rid: Option<String>,
    no_restore: bool,
    no_build: bool,
    self_contained: bool,
    /// `dotnet run -- ARGS` (and what follows the project options).
    app_args: Vec<String>,
}

fn parse_opts(sh: &mut Shell, cmd: &str, args: &[&str]) -> Result<Result<Opts, i32>, Flow> {
    let mut o = Opts::default();
    let mut arch: Option<String> = None;
    let mut os: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i];
        let val = |i: usize| args.get(i + 1).map(|s| s.to_string());
        match a {
            "--" if cmd == "run" => {
                o.app_args = args[i + 1..].iter().map(|s| s.to_string()).collect();
                break;
            }
            "-c" | "--configuration" => {
                o.configuration = val(i);
                i += 1;
            }
            "-o" | "--output" => {
                o.output = val(i);
                i += 1;
            }
            "-r" | "--runtime" => {
                o.rid = val(i);
                i += 1;
            }
            "-a" | "--arch" => {
                arch = val(i);
                i += 1;
            }
            "--os" => {
                os = val(i);
                i += 1;
            }
            "--project" => {
                o.project = val(i);
                i += 1;
            }
            "--use-current-runtime" | "--ucr" => {
                if o.rid.is_none() {
                    let musl = sh.fs().exists("/etc/alpine-release");
                    o.rid = Some(if musl { "linux-musl-x64".into() } else { "linux-x64".into() });
                }
            }
            "--self-contained" | "--sc" => match args.get(i + 1) {
                Some(&"true") => {
                    o.self_contained = true;
                    i += 1;
                }
                Some(&"false") => i += 1,
                _ => o.self_contained = true,
            },
            "--no-self-contained" => {}
            "--no-restore" => o.no_restore = true,
            "--no-build" => o.no_build = true,
            "-f" | "--framework" | "-v" | "--verbosity" | "--source" | "-s" | "--packages" | "--property" | "--launch-profile" => i += 1,
            "--nologo"
            | "--force"
            | "--no-dependencies"
            | "--disable-parallel"
            | "--no-cache"
            | "--no-launch-profile"
            | "--locked-mode"
            | "--tl:off" => {}
            _ if a.starts_with("-p:")
                || a.starts_with("/p:")
                || a.starts_with("--property:")
                || a.starts_with("-v:")
                || a.starts_with("-tl")
                || a.starts_with("/tl") => {}
            _ if !a.starts_with('-') && o.project.is_none() && (cmd != "run" || a.ends_with("proj") || sh.fs().exists(&sh.abs(a))) => {
                o.project = Some(a.to_string())
            }
            _ if cmd == "run" && !a.starts_with('-') => {
                o.app_args = args[i..].iter().map(|s| s.to_string()).collect();
                break;
            }
            _ => {
                sh.err_str(&format!("dockersim: dotnet {cmd} option {a} is not simulated\n"))?;
                return Ok(Err(1));
            }
        }
        i += 1;
    }
    if o.rid.is_none() && (arch.is_some() || os.is_some()) {
        let musl = sh.fs().exists("/etc/alpine-release");
        let os = os.unwrap_or_else(|| if musl { "linux-musl".into() } else { "linux".into() });
        o.rid = Some(format!("{os}-{}", arch.unwrap_or_else(|| "x64".into())));
    }
    Ok(Ok(o))
}

fn project_command(sh: &mut Shell, sdk: &str, cmd: &str, args: &[&str]) -> Result<i32, Flow> {
    let o = match parse_opts(sh, cmd, args)? {
        Ok(o) => o,
        Err(s) => return Ok(s),
    };
    let p = match find_project(sh, sdk, o.project.as_deref(), cmd)? {
        Ok(p) => p,
        Err(s) => return Ok(s),
    };
    let quiet = cmd == "run";
    if !quiet {
        sh.out_str(&msbuild_banner(sdk))?;
    }
    // The SDK targets its own major release and those before it.
    let target_version = p.tfm.trim_start_matches("net").to_string();
    if !p.tfm.starts_with("net") || target_version.contains("standard") || target_version.parse::<f64>().is_err() {
        sh.err_str(&format!("dockersim: {}: target framework {} is not simulated (net6.0 to net10.0 are)\n", p.path, p.tfm))?;
        return Ok(1);
    }
    if version_key(&target_version) > version_key(&major(sdk)) {
        let sdk_major = major(sdk).trim_end_matches(".0").to_string();
        let t = target_version.clone();
        let msg = format!("{DOTNET_ROOT}/sdk/{sdk}/Sdks/Microsoft.NET.Sdk/targets/Microsoft.NET.TargetFrameworkInference.targets(166,5): error NETSDK1045: The current .NET SDK does not support targeting .NET {t}.  Either target .NET {sdk_major}.0 or lower, or use a version of the .NET SDK that supports .NET {t}. Download the .NET SDK from https://aka.ms/dotnet/download [{}]\n", p.path);
        if quiet {
            sh.out_str(&msg)?;
            sh.out_str("\nThe build failed. Fix the build errors and run again.\n")?;
        } else {
            sh.out_str(&format!("  Determining projects to restore...\n{msg}"))?;
        }
        return Ok(1);
    }
    if !o.no_restore && !quiet {
        let restored = sh.fs().exists(&format!("{}/obj/project.assets.json", p.dir));
        if restored {
            sh.out_str("  Determining projects to restore...\n  All projects are up-to-date for restore.\n")?;
        } else {
            sh.out_str(&format!("  Determining projects to restore...\n  Restored {} (in 1.43 sec).\n", p.path))?;
        }
    }
    if !o.no_restore {
        write_obj(sh, &p.dir, &p.name, &p.tfm);
    }
    if cmd == "restore" {
        return Ok(0);
    }
    if o.no_restore && !sh.fs().exists(&format!("{}/obj/project.assets.json", p.dir)) {
        sh.out_str(&format!("{DOTNET_ROOT}/sdk/{sdk}/Sdks/Microsoft.NET.Sdk/targets/Microsoft.PackageDependencyResolution.targets(266,5): error NETSDK1004: Assets file '{}/obj/project.assets.json' not found. Run a NuGet package restore to generate this file. [{}]\n", p.dir, p.path))?;
        return Ok(1);
    }
    // Configuration: publish defaults to Release from .NET 8 on.
    let new_publish = version_key(&target_version) >= version_key("8.0");
    let config = o.configuration.clone().unwrap_or_else(|| if cmd == "publish" && new_publish { "Release".into() } else { "Debug".into() });
    let mut bin = format!("{}/bin/{config}/{}", p.dir, p.tfm);
    if let Some(rid) = &o.rid {
        bin = format!("{bin}/{rid}");
    }
    let analysis = match compile(sh, &p)? {
        Ok(a) => a,
        Err(s) => return Ok(s),
    };
    let behaviour = behaviour_of(sh, &p, &analysis);
    write_outputs(sh, &p, &behaviour, &bin, false);
    if !quiet {
        sh.out_str(&format!("  {} -> {bin}/{}.dll\n", p.name, p.name))?;
    }
    match cmd {
        "build" => {
            sh.out_str("\nBuild succeeded.\n    0 Warning(s)\n    0 Error(s)\n\nTime Elapsed 00:00:03.12\n")?;
            Ok(0)
        }
        "publish" => {
            let out = match &o.output {
                Some(d) => sh.abs(d),
                None => format!("{bin}/publish"),
            };
            write_outputs(sh, &p, &behaviour, &out, true);
            if o.self_contained {
                write_generated(sh, &format!("{out}/libcoreclr.so"), 7_300_000, 0o644);
                write_generated(sh, &format!("{out}/System.Private.CoreLib.dll"), 15_600_000, 0o644);
            }
            sh.out_str(&format!("  {} -> {out}/\n", p.name))?;
            Ok(0)
        }
        _ => {
            // run: the program, from the project directory's output.
            let dll = format!("{bin}/{}.dll", p.name);
            if p.web {
                sh.hand_over(vec!["dotnet".into(), dll])?;
                sh.err_str("dockersim: an ASP.NET Core app runs only as a container's main process\n")?;
                return Ok(1);
            }
            let args: Vec<String> = o.app_args.clone();
            csharp::run(sh, &behaviour.source.clone().unwrap_or_default(), &args, &p.name)
        }
    }
}

/// Reads the project's sources; the analysis, or the status of a failure.
fn compile(sh: &mut Shell, p: &Project) -> Result<Result<csharp::Analysis, i32>, Flow> {
    let sources = cs_sources(sh, &p.dir);
    let program = sources
        .iter()
        .find(|(path, _)| path.ends_with("/Program.cs"))
        .or_else(|| sources.iter().find(|(_, t)| t.contains(" Main(")))
        .or_else(|| sources.first());
    let Some((_, text)) = program else {
        if p.exe {
            sh.out_str(&format!(
                "CSC : error CS5001: Program does not contain a static 'Main' method suitable for an entry point [{}]\n",
                p.path
            ))?;
            return Ok(Err(1));
        }
        return Ok(Ok(csharp::Analysis::default()));
    };
    Ok(Ok(csharp::analyse(text)))
}

/// The `.cs` files of a project (outside `bin` and `obj`), sorted.
fn cs_sources(sh: &Shell, dir: &str) -> Vec<(String, String)> {
    files_under(sh, dir).into_iter().filter(|p| p.ends_with(".cs")).filter_map(|p| read_text(sh, &p).map(|t| (p, t))).collect()
}

fn files_under(sh: &Shell, dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_string()];
    while let Some(d) = stack.pop() {
        let Ok(Node::Dir { entries, .. }) = sh.fs().get(&d) else { continue };
        for (name, node) in entries.iter() {
            let p = crate::vfs::join(&d, name);
            match node {
                Node::Dir { .. } if d == dir && matches!(name.as_str(), "bin" | "obj") => {}
                Node::Dir { .. } => stack.push(p),
                _ => out.push(p),
            }
        }
    }
    out.sort();
    out
}

/// What the assembly carries: the console statements, or the web app's routes.
fn behaviour_of(sh: &Shell, p: &Project, a: &csharp::Analysis) -> Behaviour {
    let mut b = Behaviour { artifact: Some(format!("{} {}", p.name, p.tfm)), main: Some(p.name.clone()), ..Behaviour::default() };
    if !p.web {
        b.source = Some(a.statements.clone());
        return b;
    }
    let version = p.tfm.trim_start_matches("net");
    b.framework = Some(format!("aspnetcore {version}"));
    b.listen = Some(8080);
    for (path, body) in &a.routes {
        match body {
            Some(text) => {
                b.routes.push((path.clone(), text.clone()));
                b.route_types.push("text/plain; charset=utf-8".into());
            }
            None => {
                b.routes.push((path.clone(), String::new()));
                b.route_types.push(crate::shell::programs::java_source::COMPUTED.into());
            }
        }
    }
    if a.razor {
        for (route, html) in super::razor::render_pages(sh, &p.dir, &p.name) {
            b.routes.push((route, html));
            b.route_types.push("text/html; charset=utf-8".into());
        }
        b.unsupported.retain(|_| false);
        b.logger = true; // Razor Pages use data protection (antiforgery): its warnings at start
    }
    if let Some(url) = &a.url {
        b.port_env = Some(url.clone());
    }
    b
}

/// Writes the build (or publish) output of a project into `out`.
fn write_outputs(sh: &mut Shell, p: &Project, b: &Behaviour, out: &str, publish: bool) {
    let size = 5_632 + b.routes.iter().map(|(_, h)| h.len()).sum::<usize>() + if p.web { 30_000 } else { 0 };
    write_artifact(sh, &format!("{out}/{}.dll", p.name), b, "csharp", size, PE, 0o644);
    write_generated(sh, &format!("{out}/{}.pdb", p.name), 10_548 + size as u64 / 3, 0o644);
    if p.exe {
        // The apphost: a native launcher named after the app.
        write_artifact(sh, &format!("{out}/{}", p.name), b, "csharp", 72_520, &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0], 0o755);
    }
    let version = p.tfm.trim_start_matches("net");
    let fw = if p.web { ASPNET } else { NETCORE };
    let props = if p.web { "      \"System.GC.Server\": true,\n" } else { "" };
    write_text(
        sh,
        &format!("{out}/{}.runtimeconfig.json", p.name),
        &format!("{{\n  \"runtimeOptions\": {{\n    \"tfm\": \"{}\",\n    \"framework\": {{\n      \"name\": \"{fw}\",\n      \"version\": \"{version}.0\"\n    }},\n    \"configProperties\": {{\n{props}      \"System.Reflection.Metadata.MetadataUpdater.IsSupported\": false,\n      \"System.Runtime.Serialization.EnableUnsafeBinaryFormatterSerialization\": false\n    }}\n  }}\n}}\n", p.tfm),
    );
    let mut deps = String::new();
    for (name, v) in &p.packages {
        deps.push_str(&format!(",\n          \"{name}\": \"{v}\""));
        write_generated(sh, &format!("{out}/{name}.dll"), 180_000, 0o644);
    }
    write_text(
        sh,
        &format!("{out}/{}.deps.json", p.name),
        &format!("{{\n  \"runtimeTarget\": {{\n    \"name\": \".NETCoreApp,Version=v{version}\",\n    \"signature\": \"\"\n  }},\n  \"targets\": {{\n    \".NETCoreApp,Version=v{version}\": {{\n      \"{}/1.0.0\": {{\n        \"dependencies\": {{{}\n        }},\n        \"runtime\": {{\n          \"{}.dll\": {{}}\n        }}\n      }}\n    }}\n  }}\n}}\n", p.name, deps.trim_start_matches(','), p.name),
    );
    if !p.web {
        return;
    }
    // Content files: appsettings*.json; publish adds wwwroot and web.config.
    for f in files_under(sh, &p.dir) {
        let rel = f[p.dir.len()..].trim_start_matches('/').to_string();
        let content = rel.starts_with("appsettings") && rel.ends_with(".json");
        let web_root = publish && rel.starts_with("wwwroot/");
        if content || web_root {
            if let Ok(bytes) = sh.fs().read(&f) {
                let meta = sh.meta(0o644);
                let dest = format!("{out}/{rel}");
                if let Some(i) = dest.rfind('/') {
                    let dmeta = sh.meta(0o755);
                    let _ = sh.fs_mut().mkdir_all(&dest[..i], dmeta);
                }
                let _ = sh.fs_mut().write(&dest, crate::vfs::Content::from_bytes(bytes), meta);
            } else if let Ok(Node::File { content: crate::vfs::Content::Generated { size, .. }, .. }) = sh.fs().get(&f) {
                let size = *size;
                write_generated(sh, &format!("{out}/{rel}"), size, 0o644);
            }
        }
    }
    if publish {
        write_text(sh, &format!("{out}/web.config"), &format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <location path=\".\" inheritInChildApplications=\"false\">\n    <system.webServer>\n      <handlers>\n        <add name=\"aspNetCore\" path=\"*\" verb=\"*\" modules=\"AspNetCoreModuleV2\" resourceType=\"Unspecified\" />\n      </handlers>\n      <aspNetCore processPath=\"dotnet\" arguments=\".\\{}.dll\" stdoutLogEnabled=\"false\" stdoutLogFile=\".\\logs\\stdout\" hostingModel=\"inprocess\" />\n    </system.webServer>\n  </location>\n</configuration>\n", p.name));
        if let Some(css) = super::razor::scoped_css(sh, &p.dir, &p.name) {
            write_text(sh, &format!("{out}/wwwroot/{}.styles.css", p.name), &css);
        }
    }
}

// --------------------------------------------------------- assemblies ----

/// The runtime framework an assembly needs (from its runtimeconfig.json): (name, major).
pub fn required_framework(text: &str) -> Option<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let fw = v.get("runtimeOptions")?.get("framework")?;
    let name = fw.get("name")?.as_str()?.to_string();
    let version = fw.get("version")?.as_str()?.to_string();
    Some((name, major(&version)))
}

/// `dotnet APP.dll ARGS`: checks the framework, then runs the program.
fn run_assembly(sh: &mut Shell, inst: &Install, arg: &str, args: &[&str]) -> Result<i32, Flow> {
    let path = sh.abs(arg);
    let Some(b) = super::toolchains::behaviour_of(sh, &path) else {
        if sh.fs().exists(&path) {
            sh.err_str(&format!("dockersim: {arg} was not built in the simulator; running it is not simulated\n"))?;
            return Ok(1);
        }
        if inst.sdks.is_empty() {
            return no_sdk(sh, inst, arg);
        }
        sh.err_str(&format!("Could not execute because the specified command or file was not found.\nPossible reasons for this include:\n  * You misspelled a built-in dotnet command.\n  * You intended to execute a .NET program, but dotnet-{arg} does not exist.\n  * You intended to run a global tool, but a dotnet-prefixed executable with this name could not be found on the PATH.\n"))?;
        return Ok(1);
    };
    if let Some(missing) = framework_missing(sh, inst, &path) {
        sh.err_str(&missing)?;
        return Ok(FRAMEWORK_MISSING_STATUS);
    }
    if b.framework.as_deref().is_some_and(|f| f.starts_with("aspnetcore")) {
        sh.hand_over(vec!["dotnet".into(), path])?;
        sh.err_str("dockersim: an ASP.NET Core app runs only as a container's main process\n")?;
        return Ok(1);
    }
    let name = b.main.clone().unwrap_or_else(|| arg.trim_end_matches(".dll").to_string());
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    csharp::run(sh, &b.source.clone().unwrap_or_default(), &args, &name)
}

/// A .NET app's apphost (`./NAME`): the installed runtime runs `NAME.dll`.
pub(super) fn run_apphost(sh: &mut Shell, path: &str, b: &Behaviour, args: &[String]) -> Result<i32, Flow> {
    let inst = install(sh);
    if inst.runtimes.is_empty() {
        let rt = b.artifact.as_deref().and_then(|a| a.split_whitespace().nth(1)).unwrap_or("net8.0").trim_start_matches("net").to_string();
        sh.err_str(&format!("You must install .NET to run this application.\n\nApp: {path}\nArchitecture: x64\nApp host version: {rt}.0\n.NET location: Not found\n\nLearn more:\nhttps://aka.ms/dotnet/app-launch-failed\n\nDownload the .NET runtime:\nhttps://aka.ms/dotnet-core-applaunch?missing_runtime=true&arch=x64&rid=linux-x64&apphost_version={rt}.0\n"))?;
        return Ok(FRAMEWORK_MISSING_STATUS);
    }
    let dll = format!("{path}.dll");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run_assembly(sh, &inst, &dll, &args)
}

/// hostfxr's message when the runtimeconfig's framework is not installed.
pub fn framework_missing_text(dll: &str, needed: &(String, String), found: &[String], os: &str) -> String {
    let (fw, v) = needed;
    let mut found_text = String::new();
    if found.is_empty() {
        found_text.push_str("  No frameworks were found.\n");
    } else {
        for f in found {
            found_text.push_str(&format!("  {f} at [{DOTNET_ROOT}/shared/{fw}]\n"));
        }
    }
    format!("You must install or update .NET to run this application.\n\nApp: {dll}\nArchitecture: x64\nFramework: '{fw}', version '{v}.0' (x64)\n.NET location: {DOTNET_ROOT}/\n\nThe following frameworks were found:\n{found_text}\nLearn more about framework resolution:\nhttps://aka.ms/dotnet/app-launch-failed\n\nTo install missing framework, download:\nhttps://aka.ms/dotnet-core-applaunch?framework={fw}&framework_version={v}.0&arch=x64&rid=linux-x64&os={os}\n")
}

fn framework_missing(sh: &Shell, inst: &Install, dll: &str) -> Option<String> {
    let config = read_text(sh, &format!("{}.runtimeconfig.json", dll.trim_end_matches(".dll")))?;
    let needed = required_framework(&config)?;
    // Roll forward within the major release (and to later ones only with RollForward).
    let found: Vec<String> = inst.runtimes.iter().filter(|(f, _)| *f == needed.0).map(|(_, v)| v.clone()).collect();
    if found.iter().any(|v| major(v) == needed.1) {
        return None;
    }
    let os = sh.fs().read("/etc/os-release").map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    let field = |k: &str| os.lines().find_map(|l| l.strip_prefix(&format!("{k}="))).unwrap_or("").trim_matches('"').to_string();
    let os = format!("{}.{}", field("ID"), field("VERSION_ID").split('.').next().unwrap_or(""));
    Some(framework_missing_text(dll, &needed, &found, &os))
}
