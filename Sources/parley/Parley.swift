import ArgumentParser

/// The `parley` command: wiring only; every capability lives in the libraries.
@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "A simulator for reciprocal diplomacy.",
        discussion: """
            Describe a standoff in a scenario file (YAML): actors, moves, dynamics and the policies each side \
            may follow. Parley runs thousands of futures and summarises what they measure.

            Examples:
              parley run                                  # the default shipped scenario
              parley run --policy row=grim_trigger --set implementation_noise=0.01
              parley check my-scenario.yaml
              parley list prisoners-dilemma
              parley tournament --turns 200 --repetitions 10 --noise 0.01

            Exit status: 0 on success, 64 for bad command-line usage, 65 for bad scenario data \
            (including a run stopped by a value that is not a finite number).
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, ForecastCommand.self, CompareCommand.self, ClaimsCommand.self, SweepCommand.self, ReportCommand.self, SensitivityCommand.self,
            CalibrateCommand.self, BacktestCommand.self, CheckCommand.self, ListCommand.self, MatchCommand.self, TournamentCommand.self,
            MoranCommand.self, StrategiesCommand.self, BenchCommand.self,
            BargainCommand.self,
        ],
        defaultSubcommand: nil
    )
}
