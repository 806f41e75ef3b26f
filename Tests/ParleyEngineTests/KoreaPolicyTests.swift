import ParleyEngine
import ParleyLanguage
import ParleyScenarios
import Testing

/// Pins each US policy of korea-2021 to its rules: a test variant (extends: korea-2021) gives
/// the DPRK scripted policies and counts what the US does in reply.
@Suite struct KoreaPolicyTests {
    /// korea-2021 with scripted DPRK policies and counters of US actions.
    func variant() throws -> Scenario {
        let text = """
            extends: korea-2021
            name: Korea policy probe
            policies:
              dprk:
                srbm_every_month: { rules: [ { do: srbm_test } ] }
                icbm_every_month: { rules: [ { do: irbm_icbm_test } ] }
                nuclear_once: { rules: [ { when: "t == 3", do: nuclear_test }, { do: hold } ] }
                freeze_always: { rules: [ { do: freeze } ] }
                hold_always: { rules: [ { do: hold } ] }
                freeze_then_test: { rules: [ { when: "action_for_action.step == 2", do: nuclear_test }, { do: freeze } ] }
            metrics:
              tightenings: "count(us.tighten_sanctions)"
              suspensions: "count(us.suspend_talks)"
              talks: "count(us.working_talks)"
              offers: "count(us.offer_relief)"
              summits_held: "count(us.summit)"
              acceptances: "count(us.accept_nuclear_status)"
              condemnations: "count(us.condemn)"
              thematic: "count(us.rights_thematic)"
              civil_political: "count(us.rights_civil_political)"
              lifts: "count(us.lift_sanctions)"
              early_offers: { sum: "number(t < 6 and did(us.offer_relief))" }
              agreed: "count(action_for_action.agreed)"
              verified: "count(action_for_action.verified)"
              breached: "count(action_for_action.breached)"
              progress: "action_for_action.progress"
            """
        let loader = ScenarioLoader(readFile: { _ in throw NoFilesOnDisk() },
                                    shippedScenario: { ShippedScenarios.text(named: $0) })
        return try loader.load(text: text, file: "probe.yaml")
    }

    struct NoFilesOnDisk: Error {}

    func run(us: String, dprk: String, runs: Int = 20, uncertainty: Bool = true, set: [String: String] = [:]) async throws
        -> EnsembleSummary
    {
        try await ensemble(try variant(), runs: runs, uncertainty: uncertainty, policies: ["us": us, "dprk": dprk], set: set)
    }

    func mean(_ summary: EnsembleSummary, _ metric: String) throws -> Double { try summary.metric(metric).summary.mean }

    @Test func calibratedDoesNotSanctionShortRangeTestsAndKeepsTalking() async throws {
        let summary = try await run(us: "calibrated", dprk: "srbm_every_month")
        #expect(try mean(summary, "tightenings") == 0)
        #expect(try mean(summary, "suspensions") == 0)
        #expect(try mean(summary, "talks") == 44)  // every rule of calibrated keeps the working-level channel
    }

    @Test func calibratedAnswersANuclearTestWithSanctionsButKeepsTheChannel() async throws {
        let summary = try await run(us: "calibrated", dprk: "nuclear_once")
        #expect(try mean(summary, "tightenings") == 1)
        #expect(try mean(summary, "talks") == 44)
    }

    @Test func calibratedUsesTheThematicHumanRightsTrackOnly() async throws {
        let summary = try await run(us: "calibrated", dprk: "hold_always")
        #expect(try mean(summary, "civil_political") == 0)
        #expect(try summary.metric("thematic").summary.maximum <= 8)  // at most twice a year
    }

    @Test func overreactionAnswersEveryTestWithSanctionsAndSuspendedTalks() async throws {
        let summary = try await run(us: "calibrated_overreacting", dprk: "srbm_every_month")
        // Decisions at t = 1…43 see the previous month's test.
        #expect(try mean(summary, "tightenings") == 43)
        #expect(try mean(summary, "suspensions") == 43)
    }

    @Test func formalAcceptanceAcceptsOnceAtTheOutset() async throws {
        let summary = try await run(us: "formal_acceptance", dprk: "hold_always")
        #expect(try mean(summary, "acceptances") == 1)
    }

    @Test func strategicPatienceOffersNothingWithoutDenuclearizationSteps() async throws {
        let summary = try await run(us: "strategic_patience", dprk: "hold_always")
        #expect(try mean(summary, "offers") == 0)
        #expect(try mean(summary, "talks") == 0)
        #expect(try mean(summary, "thematic") == 0)
    }

    @Test func strategicPatienceTalksAfterSixMonthsOfFreeze() async throws {
        // Without Congress's limit and without misperception (distortion 0), the rule shows plainly:
        // nothing before six months of freeze, then talks and an offer every month.
        let exact = ["congress_threshold": "0", "distortion_without_talks": "0", "distortion_with_talks": "0"]
        let summary = try await run(us: "strategic_patience", dprk: "freeze_always", set: exact)
        #expect(try mean(summary, "early_offers") == 0)
        #expect(try mean(summary, "offers") == 44 - 6)
        #expect(try mean(summary, "talks") == 44 - 6)
    }

    @Test func misperceptionHidesFreezeMonthsFromStrategicPatience() async throws {
        // With the scenario's distortion (0.25–0.4 without a channel) the US often misreads one of
        // six freeze months, so it offers far less often: S12's cost of having no channel.
        let summary = try await run(us: "strategic_patience", dprk: "freeze_always", set: ["congress_threshold": "0"])
        #expect(try mean(summary, "early_offers") == 0)
        #expect(try mean(summary, "offers") < 20)
    }

    @Test func strategicPatienceSanctionsLongRangeTestsAndCondemnsShortRangeOnes() async throws {
        let long = try await run(us: "strategic_patience", dprk: "icbm_every_month")
        let short = try await run(us: "strategic_patience", dprk: "srbm_every_month")
        #expect(try mean(long, "tightenings") == 43)
        #expect(try mean(short, "tightenings") == 0)
        #expect(try mean(short, "condemnations") == 43)
    }

    @Test func grandBargainHasNoWorkingLevelChannelAndLiftsNothingWithoutRollback() async throws {
        let summary = try await run(us: "grand_bargain", dprk: "freeze_always", runs: 40)
        #expect(try mean(summary, "talks") == 0)
        #expect(try mean(summary, "lifts") == 0)
        #expect(try summary.metric("summits_held").summary.maximum > 0)
    }

    /// An attentive administration with room to offer relief (attention 1, Congress threshold 0).
    let attentive = ["attention_baseline": "1", "attention_2021": "1", "congress_threshold": "0"]

    @Test func theRoadmapVerifiesAFreezeButStopsAtYongbyonWithoutRollback() async throws {
        // Parameters at their values (no draws), so that momentum reaches the agreement threshold.
        let summary = try await run(us: "calibrated", dprk: "freeze_always", uncertainty: false, set: attentive)
        // Agreed, the freeze verified and rewarded; the shutdown benchmark needs rollback, so the
        // deadline passes, the deal collapses, and it is agreed again.
        #expect(try summary.metric("verified").summary.minimum >= 1)
        #expect(try summary.metric("progress").summary.maximum == 0.25)
        #expect(try summary.metric("agreed").summary.minimum >= 2)
        #expect(try summary.metric("breached").summary.maximum == 0)
    }

    @Test func aNuclearTestUnderTheDealIsABreach() async throws {
        let summary = try await run(us: "calibrated", dprk: "freeze_then_test", uncertainty: false, set: attentive)
        #expect(try summary.metric("breached").summary.minimum >= 1)
    }
}
