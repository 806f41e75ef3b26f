/// Any strategy of the library, as one value type: the closed set the tournament, the Moran
/// process and scenario policies store in arrays.
///
/// A `switch` over this enum dispatches a move without an existential (`any Strategy` costs
/// about 1.7× in the inner loop, see BUILD-NOTES), and the payload stays a plain struct.
public enum AnyStrategy: Strategy {
    /// ``Cooperator``.
    case cooperator(Cooperator)
    /// ``Defector``.
    case defector(Defector)
    /// ``Random``.
    case random(Random)
    /// ``Alternator``.
    case alternator(Alternator)
    /// ``TitForTat``.
    case titForTat(TitForTat)
    /// ``TitFor2Tats``.
    case titFor2Tats(TitFor2Tats)
    /// ``TwoTitsForTat``.
    case twoTitsForTat(TwoTitsForTat)
    /// ``SuspiciousTitForTat``.
    case suspiciousTitForTat(SuspiciousTitForTat)
    /// ``GTFT``.
    case gtft(GTFT)
    /// ``ContriteTitForTat``.
    case contriteTitForTat(ContriteTitForTat)
    /// ``HardTitForTat``.
    case hardTitForTat(HardTitForTat)
    /// ``HardTitFor2Tats``.
    case hardTitFor2Tats(HardTitFor2Tats)
    /// ``AntiTitForTat``.
    case antiTitForTat(AntiTitForTat)
    /// ``Bully``.
    case bully(Bully)
    /// ``ForgivingTitForTat``.
    case forgivingTitForTat(ForgivingTitForTat)
    /// ``WinStayLoseShift``.
    case winStayLoseShift(WinStayLoseShift)
    /// ``Grudger``.
    case grudger(Grudger)
    /// ``SoftGrudger``.
    case softGrudger(SoftGrudger)
    /// ``Forgiver``.
    case forgiver(Forgiver)
    /// ``Joss``.
    case joss(Joss)
    /// ``SoftJoss``.
    case softJoss(SoftJoss)
    /// ``StochasticWSLS``.
    case stochasticWSLS(StochasticWSLS)
    /// ``FirmButFair``.
    case firmButFair(FirmButFair)
    /// ``MemoryOnePlayer``.
    case memoryOnePlayer(MemoryOnePlayer)
    /// ``ZDExtort2``.
    case zdExtort2(ZDExtort2)
    /// ``ZDGTFT2``.
    case zdGTFT2(ZDGTFT2)
    /// ``Tester``.
    case tester(Tester)
    /// ``Prober``.
    case prober(Prober)
    /// ``Prober2``.
    case prober2(Prober2)
    /// ``Prober3``.
    case prober3(Prober3)
    /// ``HardProber``.
    case hardProber(HardProber)
    /// ``GoByMajority``.
    case goByMajority(GoByMajority)
    /// ``HardGoByMajority``.
    case hardGoByMajority(HardGoByMajority)
    /// ``Gradual``.
    case gradual(Gradual)
    /// ``OriginalGradual``.
    case originalGradual(OriginalGradual)
    /// ``Adaptive``.
    case adaptive(Adaptive)
    /// ``GRIT``.
    case grit(GRIT)
    /// ``CalibratedReciprocity``.
    case calibratedReciprocity(CalibratedReciprocity)

    /// Not used: an `AnyStrategy` is made through ``StrategyCatalog``.
    public static let info = StrategyInfo(
        key: "any", axelrodName: nil, isStochastic: true, rule: "Any strategy of the catalogue.", origin: "Parley")

    /// Tit for tat; use ``StrategyCatalog/make(_:parameters:)`` for the others.
    public init(parameters: ParameterValues) { self = .titForTat(TitForTat()) }

    /// Wraps a concrete strategy (any library type).
    public init<S: Strategy>(_ strategy: S) {
        if let any = strategy as? AnyStrategy { self = any; return }
        switch strategy {
        case let s as Cooperator: self = .cooperator(s)
        case let s as Defector: self = .defector(s)
        case let s as Random: self = .random(s)
        case let s as Alternator: self = .alternator(s)
        case let s as TitForTat: self = .titForTat(s)
        case let s as TitFor2Tats: self = .titFor2Tats(s)
        case let s as TwoTitsForTat: self = .twoTitsForTat(s)
        case let s as SuspiciousTitForTat: self = .suspiciousTitForTat(s)
        case let s as GTFT: self = .gtft(s)
        case let s as ContriteTitForTat: self = .contriteTitForTat(s)
        case let s as HardTitForTat: self = .hardTitForTat(s)
        case let s as HardTitFor2Tats: self = .hardTitFor2Tats(s)
        case let s as AntiTitForTat: self = .antiTitForTat(s)
        case let s as Bully: self = .bully(s)
        case let s as ForgivingTitForTat: self = .forgivingTitForTat(s)
        case let s as WinStayLoseShift: self = .winStayLoseShift(s)
        case let s as Grudger: self = .grudger(s)
        case let s as SoftGrudger: self = .softGrudger(s)
        case let s as Forgiver: self = .forgiver(s)
        case let s as Joss: self = .joss(s)
        case let s as SoftJoss: self = .softJoss(s)
        case let s as StochasticWSLS: self = .stochasticWSLS(s)
        case let s as FirmButFair: self = .firmButFair(s)
        case let s as MemoryOnePlayer: self = .memoryOnePlayer(s)
        case let s as ZDExtort2: self = .zdExtort2(s)
        case let s as ZDGTFT2: self = .zdGTFT2(s)
        case let s as Tester: self = .tester(s)
        case let s as Prober: self = .prober(s)
        case let s as Prober2: self = .prober2(s)
        case let s as Prober3: self = .prober3(s)
        case let s as HardProber: self = .hardProber(s)
        case let s as GoByMajority: self = .goByMajority(s)
        case let s as HardGoByMajority: self = .hardGoByMajority(s)
        case let s as Gradual: self = .gradual(s)
        case let s as OriginalGradual: self = .originalGradual(s)
        case let s as Adaptive: self = .adaptive(s)
        case let s as GRIT: self = .grit(s)
        case let s as CalibratedReciprocity: self = .calibratedReciprocity(s)
        default: preconditionFailure("\(S.self) is not a library strategy")
        }
    }

    /// The wrapped strategy's static description.
    public var info: StrategyInfo {
        switch self {
        case .cooperator: return Cooperator.info
        case .defector: return Defector.info
        case .random: return Random.info
        case .alternator: return Alternator.info
        case .titForTat: return TitForTat.info
        case .titFor2Tats: return TitFor2Tats.info
        case .twoTitsForTat: return TwoTitsForTat.info
        case .suspiciousTitForTat: return SuspiciousTitForTat.info
        case .gtft: return GTFT.info
        case .contriteTitForTat: return ContriteTitForTat.info
        case .hardTitForTat: return HardTitForTat.info
        case .hardTitFor2Tats: return HardTitFor2Tats.info
        case .antiTitForTat: return AntiTitForTat.info
        case .bully: return Bully.info
        case .forgivingTitForTat: return ForgivingTitForTat.info
        case .winStayLoseShift: return WinStayLoseShift.info
        case .grudger: return Grudger.info
        case .softGrudger: return SoftGrudger.info
        case .forgiver: return Forgiver.info
        case .joss: return Joss.info
        case .softJoss: return SoftJoss.info
        case .stochasticWSLS: return StochasticWSLS.info
        case .firmButFair: return FirmButFair.info
        case .memoryOnePlayer: return MemoryOnePlayer.info
        case .zdExtort2: return ZDExtort2.info
        case .zdGTFT2: return ZDGTFT2.info
        case .tester: return Tester.info
        case .prober: return Prober.info
        case .prober2: return Prober2.info
        case .prober3: return Prober3.info
        case .hardProber: return HardProber.info
        case .goByMajority: return GoByMajority.info
        case .hardGoByMajority: return HardGoByMajority.info
        case .gradual: return Gradual.info
        case .originalGradual: return OriginalGradual.info
        case .adaptive: return Adaptive.info
        case .grit: return GRIT.info
        case .calibratedReciprocity: return CalibratedReciprocity.info
        }
    }

    public var name: String {
        switch self {
        case .cooperator(let s): return s.name
        case .defector(let s): return s.name
        case .random(let s): return s.name
        case .alternator(let s): return s.name
        case .titForTat(let s): return s.name
        case .titFor2Tats(let s): return s.name
        case .twoTitsForTat(let s): return s.name
        case .suspiciousTitForTat(let s): return s.name
        case .gtft(let s): return s.name
        case .contriteTitForTat(let s): return s.name
        case .hardTitForTat(let s): return s.name
        case .hardTitFor2Tats(let s): return s.name
        case .antiTitForTat(let s): return s.name
        case .bully(let s): return s.name
        case .forgivingTitForTat(let s): return s.name
        case .winStayLoseShift(let s): return s.name
        case .grudger(let s): return s.name
        case .softGrudger(let s): return s.name
        case .forgiver(let s): return s.name
        case .joss(let s): return s.name
        case .softJoss(let s): return s.name
        case .stochasticWSLS(let s): return s.name
        case .firmButFair(let s): return s.name
        case .memoryOnePlayer(let s): return s.name
        case .zdExtort2(let s): return s.name
        case .zdGTFT2(let s): return s.name
        case .tester(let s): return s.name
        case .prober(let s): return s.name
        case .prober2(let s): return s.name
        case .prober3(let s): return s.name
        case .hardProber(let s): return s.name
        case .goByMajority(let s): return s.name
        case .hardGoByMajority(let s): return s.name
        case .gradual(let s): return s.name
        case .originalGradual(let s): return s.name
        case .adaptive(let s): return s.name
        case .grit(let s): return s.name
        case .calibratedReciprocity(let s): return s.name
        }
    }

    public var isStochastic: Bool {
        switch self {
        case .cooperator(let s): return s.isStochastic
        case .defector(let s): return s.isStochastic
        case .random(let s): return s.isStochastic
        case .alternator(let s): return s.isStochastic
        case .titForTat(let s): return s.isStochastic
        case .titFor2Tats(let s): return s.isStochastic
        case .twoTitsForTat(let s): return s.isStochastic
        case .suspiciousTitForTat(let s): return s.isStochastic
        case .gtft(let s): return s.isStochastic
        case .contriteTitForTat(let s): return s.isStochastic
        case .hardTitForTat(let s): return s.isStochastic
        case .hardTitFor2Tats(let s): return s.isStochastic
        case .antiTitForTat(let s): return s.isStochastic
        case .bully(let s): return s.isStochastic
        case .forgivingTitForTat(let s): return s.isStochastic
        case .winStayLoseShift(let s): return s.isStochastic
        case .grudger(let s): return s.isStochastic
        case .softGrudger(let s): return s.isStochastic
        case .forgiver(let s): return s.isStochastic
        case .joss(let s): return s.isStochastic
        case .softJoss(let s): return s.isStochastic
        case .stochasticWSLS(let s): return s.isStochastic
        case .firmButFair(let s): return s.isStochastic
        case .memoryOnePlayer(let s): return s.isStochastic
        case .zdExtort2(let s): return s.isStochastic
        case .zdGTFT2(let s): return s.isStochastic
        case .tester(let s): return s.isStochastic
        case .prober(let s): return s.isStochastic
        case .prober2(let s): return s.isStochastic
        case .prober3(let s): return s.isStochastic
        case .hardProber(let s): return s.isStochastic
        case .goByMajority(let s): return s.isStochastic
        case .hardGoByMajority(let s): return s.isStochastic
        case .gradual(let s): return s.isStochastic
        case .originalGradual(let s): return s.isStochastic
        case .adaptive(let s): return s.isStochastic
        case .grit(let s): return s.isStochastic
        case .calibratedReciprocity(let s): return s.isStochastic
        }
    }

    public mutating func reset(payoffs: Payoffs) {
        switch self {
        case .cooperator(var s): s.reset(payoffs: payoffs); self = .cooperator(s)
        case .defector(var s): s.reset(payoffs: payoffs); self = .defector(s)
        case .random(var s): s.reset(payoffs: payoffs); self = .random(s)
        case .alternator(var s): s.reset(payoffs: payoffs); self = .alternator(s)
        case .titForTat(var s): s.reset(payoffs: payoffs); self = .titForTat(s)
        case .titFor2Tats(var s): s.reset(payoffs: payoffs); self = .titFor2Tats(s)
        case .twoTitsForTat(var s): s.reset(payoffs: payoffs); self = .twoTitsForTat(s)
        case .suspiciousTitForTat(var s): s.reset(payoffs: payoffs); self = .suspiciousTitForTat(s)
        case .gtft(var s): s.reset(payoffs: payoffs); self = .gtft(s)
        case .contriteTitForTat(var s): s.reset(payoffs: payoffs); self = .contriteTitForTat(s)
        case .hardTitForTat(var s): s.reset(payoffs: payoffs); self = .hardTitForTat(s)
        case .hardTitFor2Tats(var s): s.reset(payoffs: payoffs); self = .hardTitFor2Tats(s)
        case .antiTitForTat(var s): s.reset(payoffs: payoffs); self = .antiTitForTat(s)
        case .bully(var s): s.reset(payoffs: payoffs); self = .bully(s)
        case .forgivingTitForTat(var s): s.reset(payoffs: payoffs); self = .forgivingTitForTat(s)
        case .winStayLoseShift(var s): s.reset(payoffs: payoffs); self = .winStayLoseShift(s)
        case .grudger(var s): s.reset(payoffs: payoffs); self = .grudger(s)
        case .softGrudger(var s): s.reset(payoffs: payoffs); self = .softGrudger(s)
        case .forgiver(var s): s.reset(payoffs: payoffs); self = .forgiver(s)
        case .joss(var s): s.reset(payoffs: payoffs); self = .joss(s)
        case .softJoss(var s): s.reset(payoffs: payoffs); self = .softJoss(s)
        case .stochasticWSLS(var s): s.reset(payoffs: payoffs); self = .stochasticWSLS(s)
        case .firmButFair(var s): s.reset(payoffs: payoffs); self = .firmButFair(s)
        case .memoryOnePlayer(var s): s.reset(payoffs: payoffs); self = .memoryOnePlayer(s)
        case .zdExtort2(var s): s.reset(payoffs: payoffs); self = .zdExtort2(s)
        case .zdGTFT2(var s): s.reset(payoffs: payoffs); self = .zdGTFT2(s)
        case .tester(var s): s.reset(payoffs: payoffs); self = .tester(s)
        case .prober(var s): s.reset(payoffs: payoffs); self = .prober(s)
        case .prober2(var s): s.reset(payoffs: payoffs); self = .prober2(s)
        case .prober3(var s): s.reset(payoffs: payoffs); self = .prober3(s)
        case .hardProber(var s): s.reset(payoffs: payoffs); self = .hardProber(s)
        case .goByMajority(var s): s.reset(payoffs: payoffs); self = .goByMajority(s)
        case .hardGoByMajority(var s): s.reset(payoffs: payoffs); self = .hardGoByMajority(s)
        case .gradual(var s): s.reset(payoffs: payoffs); self = .gradual(s)
        case .originalGradual(var s): s.reset(payoffs: payoffs); self = .originalGradual(s)
        case .adaptive(var s): s.reset(payoffs: payoffs); self = .adaptive(s)
        case .grit(var s): s.reset(payoffs: payoffs); self = .grit(s)
        case .calibratedReciprocity(var s): s.reset(payoffs: payoffs); self = .calibratedReciprocity(s)
        }
    }

    @inline(__always)
    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        switch self {
        case .cooperator(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .cooperator(s)
            return move
        case .defector(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .defector(s)
            return move
        case .random(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .random(s)
            return move
        case .alternator(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .alternator(s)
            return move
        case .titForTat(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .titForTat(s)
            return move
        case .titFor2Tats(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .titFor2Tats(s)
            return move
        case .twoTitsForTat(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .twoTitsForTat(s)
            return move
        case .suspiciousTitForTat(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .suspiciousTitForTat(s)
            return move
        case .gtft(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .gtft(s)
            return move
        case .contriteTitForTat(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .contriteTitForTat(s)
            return move
        case .hardTitForTat(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .hardTitForTat(s)
            return move
        case .hardTitFor2Tats(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .hardTitFor2Tats(s)
            return move
        case .antiTitForTat(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .antiTitForTat(s)
            return move
        case .bully(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .bully(s)
            return move
        case .forgivingTitForTat(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .forgivingTitForTat(s)
            return move
        case .winStayLoseShift(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .winStayLoseShift(s)
            return move
        case .grudger(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .grudger(s)
            return move
        case .softGrudger(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .softGrudger(s)
            return move
        case .forgiver(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .forgiver(s)
            return move
        case .joss(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .joss(s)
            return move
        case .softJoss(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .softJoss(s)
            return move
        case .stochasticWSLS(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .stochasticWSLS(s)
            return move
        case .firmButFair(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .firmButFair(s)
            return move
        case .memoryOnePlayer(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .memoryOnePlayer(s)
            return move
        case .zdExtort2(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .zdExtort2(s)
            return move
        case .zdGTFT2(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .zdGTFT2(s)
            return move
        case .tester(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .tester(s)
            return move
        case .prober(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .prober(s)
            return move
        case .prober2(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .prober2(s)
            return move
        case .prober3(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .prober3(s)
            return move
        case .hardProber(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .hardProber(s)
            return move
        case .goByMajority(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .goByMajority(s)
            return move
        case .hardGoByMajority(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .hardGoByMajority(s)
            return move
        case .gradual(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .gradual(s)
            return move
        case .originalGradual(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .originalGradual(s)
            return move
        case .adaptive(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .adaptive(s)
            return move
        case .grit(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .grit(s)
            return move
        case .calibratedReciprocity(var s):
            let move = s.move(own: own, opponent: opponent, random: &random)
            self = .calibratedReciprocity(s)
            return move
        }
    }

    /// Every library strategy type, in catalogue order.
    static let allTypes: [any Strategy.Type] = [
        Cooperator.self, Defector.self, Random.self, Alternator.self, TitForTat.self, TitFor2Tats.self, TwoTitsForTat.self, SuspiciousTitForTat.self, GTFT.self, ContriteTitForTat.self, HardTitForTat.self, HardTitFor2Tats.self, AntiTitForTat.self, Bully.self, ForgivingTitForTat.self, WinStayLoseShift.self, Grudger.self, SoftGrudger.self, Forgiver.self, Joss.self, SoftJoss.self, StochasticWSLS.self, FirmButFair.self, MemoryOnePlayer.self, ZDExtort2.self, ZDGTFT2.self, Tester.self, Prober.self, Prober2.self, Prober3.self, HardProber.self, GoByMajority.self, HardGoByMajority.self, Gradual.self, OriginalGradual.self, Adaptive.self, GRIT.self, CalibratedReciprocity.self,
    ]
}
