import ArgumentParser
import BookChecks
import Figures

/// Chapter 5, the notes' networks: seed 001's moons network and seed 002's 4-layer sigmoid net.
public enum NotesNetworksBook: BookChapter {
    public static let title = "Chapter 5 — the notes' networks: moons (seed 001) and a 4-layer sigmoid net (seed 002)"
    public static let textFile = "05-notes-networks.md"
    public static let figureTopic = "notes-networks"

    public static var examples: [String: () -> Finding] { [:] }

    public static func figures() -> [Figure] { [] }

    /// The `backprop` subcommands of this part.
    public static let commands: [ParsableCommand.Type] = []
}
