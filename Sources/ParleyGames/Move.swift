/// One player's action in one round of a 2×2 stage game.
///
/// In the prisoner's dilemma the first action is *cooperate* and the second *defect*; in other
/// stage games (chicken, stag hunt, a scenario's own actions) the same two letters name the
/// row/column the player picks: `C` is the first, `D` the second. The raw values are the
/// row indices of the payoff matrix.
public enum Move: UInt8, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The first action: cooperate (C).
    case cooperate = 0
    /// The second action: defect (D).
    case defect = 1

    /// The other action: how noise turns one move into the other.
    @inlinable
    public var flipped: Move { self == .cooperate ? .defect : .cooperate }

    /// `"C"` or `"D"`, the letters axelrod prints.
    public var description: String { self == .cooperate ? "C" : "D" }

    /// Reads `C` or `D` (either case); `nil` for anything else.
    public init?(letter: Character) {
        switch letter {
        case "C", "c": self = .cooperate
        case "D", "d": self = .defect
        default: return nil
        }
    }
}

/// The moves one player made (or, with perception noise, the moves one player *saw* the other
/// make), oldest first, with running counts so that a strategy reads "how often has the
/// opponent defected" in constant time.
///
/// A history reserves its capacity up front: appending within that capacity never allocates,
/// which keeps a match's inner loop free of allocation.
///
/// ```swift
/// var history = MoveHistory(capacity: 200)
/// history.append(.cooperate)
/// history.append(.defect)
/// history.last          // .defect
/// history.defections    // 1
/// ```
public struct MoveHistory: Sendable, Equatable, RandomAccessCollection {
    @usableFromInline var moves: ContiguousArray<Move>
    @usableFromInline var defectionCount: Int

    /// An empty history with room for `capacity` moves before it must grow.
    @inlinable
    public init(capacity: Int = 0) {
        moves = []
        moves.reserveCapacity(capacity)
        defectionCount = 0
    }

    /// A history holding `moves`, oldest first.
    public init<S: Sequence>(_ moves: S) where S.Element == Move {
        self.init()
        for move in moves { append(move) }
    }

    /// A history read from letters such as `"CCDC"`; `nil` if a letter is neither C nor D.
    public init?(letters: String) {
        var moves: [Move] = []
        for letter in letters {
            guard let move = Move(letter: letter) else { return nil }
            moves.append(move)
        }
        self.init(moves)
    }

    /// Index of the oldest move (always 0).
    @inlinable public var startIndex: Int { 0 }
    /// One past the newest move.
    @inlinable public var endIndex: Int { moves.count }
    /// The move made in round `index` (0-based).
    @inlinable public subscript(index: Int) -> Move { moves[index] }

    /// How many rounds have been played.
    @inlinable public var count: Int { moves.count }
    /// How many of the moves were defections.
    @inlinable public var defections: Int { defectionCount }
    /// How many of the moves were cooperations.
    @inlinable public var cooperations: Int { moves.count - defectionCount }
    /// The newest move, or `nil` before the first round.
    @inlinable public var last: Move? { moves.last }

    /// Records the newest move.
    @inlinable
    public mutating func append(_ move: Move) {
        moves.append(move)
        defectionCount &+= Int(move.rawValue)
    }

    /// Forgets every move but keeps the storage, so the next match reuses it.
    @inlinable
    public mutating func removeAll() {
        moves.removeAll(keepingCapacity: true)
        defectionCount = 0
    }

    /// How many of the newest `window` moves were defections (all moves if fewer were made).
    @inlinable
    public func defections(inLast window: Int) -> Int {
        let start = Swift.max(0, moves.count - window)
        var total = 0
        var index = start
        while index < moves.count {
            total &+= Int(moves[index].rawValue)
            index &+= 1
        }
        return total
    }

    /// `true` if any of the newest `window` moves was a defection.
    @inlinable
    public func containsDefection(inLast window: Int) -> Bool {
        var index = moves.count - 1
        let stop = Swift.max(0, moves.count - window)
        while index >= stop {
            if moves[index] == .defect { return true }
            index -= 1
        }
        return false
    }

    /// The moves as letters, e.g. `"CCDC"`.
    public var letters: String { String(moves.map { $0 == .cooperate ? "C" : "D" }) }

    /// Calls `body` with a read-only view of the moves, valid only during the call.
    @inlinable
    public func withView<T>(_ body: (HistoryView) throws -> T) rethrows -> T {
        try moves.withUnsafeBufferPointer { buffer in
            try body(HistoryView(base: buffer.baseAddress, count: buffer.count, defections: defectionCount))
        }
    }
}

/// A read-only view of a history, the form in which a strategy sees it: a pointer, a length and
/// the number of defections, so that passing it costs nothing and reading it allocates nothing.
///
/// A view is valid only while the history it looks at is alive and unchanged — during one call
/// of ``Strategy/move(own:opponent:random:)``. Strategies must not store it.
public struct HistoryView {
    @usableFromInline let base: UnsafePointer<Move>?
    /// How many rounds have been played.
    public let count: Int
    /// How many of the moves were defections.
    public let defections: Int

    /// A view of `count` moves at `base`, of which `defections` were D.
    @inlinable
    public init(base: UnsafePointer<Move>?, count: Int, defections: Int) {
        self.base = base
        self.count = count
        self.defections = defections
    }

    /// How many of the moves were cooperations.
    @inlinable public var cooperations: Int { count - defections }
    /// `true` before the first round.
    @inlinable public var isEmpty: Bool { count == 0 }
    /// The newest move, or `nil` before the first round.
    @inlinable public var last: Move? { count == 0 ? nil : base.unsafelyUnwrapped[count - 1] }

    /// The move made in round `index` (0-based, must be below ``count``).
    @inlinable
    public subscript(index: Int) -> Move {
        precondition(index >= 0 && index < count, "history index out of range")
        return base.unsafelyUnwrapped[index]
    }

    /// How many of the newest `window` moves were defections (all moves if fewer were made).
    @inlinable
    public func defections(inLast window: Int) -> Int {
        if window >= count { return defections }
        var total = 0
        var index = count - window
        while index < count {
            total &+= Int(base.unsafelyUnwrapped[index].rawValue)
            index &+= 1
        }
        return total
    }

    /// `true` if any of the newest `window` moves was a defection.
    @inlinable
    public func containsDefection(inLast window: Int) -> Bool {
        var index = count - 1
        let stop = Swift.max(0, count - window)
        while index >= stop {
            if base.unsafelyUnwrapped[index] == .defect { return true }
            index -= 1
        }
        return false
    }
}
