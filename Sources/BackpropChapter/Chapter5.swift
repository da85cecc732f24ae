import BookChecks

/// Chapter 5 has two parts: the book's backpropagation (Chapters/05-backprop.md) and the notes'
/// own networks, the moons network of seed 001 and the 4-layer sigmoid net of seed 002
/// (Chapters/05-notes-networks.md). `backprop check` checks both.
public enum Chapter5: ChapterParts {
    public static let parts: [any ChapterPart.Type] = [BackpropBook.self, NotesNetworksBook.self]
}
