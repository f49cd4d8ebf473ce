fn main() -> std::process::ExitCode {
    mtlint::cli::main()
}
