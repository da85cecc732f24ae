import ArgumentParser
import ChapterCommandLine

/// `notes-networks`: the notes' own networks of chapter 5, seed 001's moons network and seed
/// 002's 4-layer sigmoid net.
public struct NotesNetworksCommand: ParsableCommand {
    public static let configuration = CommandConfiguration.chapterTool(
        NotesNetworksBook.self,
        abstract: "The notes' networks: the moons network (seed 001) and the sigmoid net (seed 002).")

    public init() {}
}
