// The pipeline: open opportunities by stage, with amounts, probabilities and expected close dates.
import Foundation
import Observation

/// One stage of the pipeline and its deals, earliest expected close first.
public struct PipelineStage: Equatable, Hashable, Sendable, Identifiable {
    public var id: OpportunityStage { stage }
    public let stage: OpportunityStage
    /// "négociation".
    public let title: String
    /// The stage's deals counted and added up: "2 affaires · 24 000,00 €".
    public let total: String
    public let rows: [TimelineRow]
}

/// Everything the pipeline screen draws.
public struct PipelineState: Equatable, Sendable {
    public var title: String
    /// Whose deals: this user's only, or everyone's on this device; the switch's label.
    public var mineOnly: Bool
    public var mineOnlyLabel: String
    public var stages: [PipelineStage]
    /// Shown instead of the stages when there is no open deal.
    public var emptyMessage: String?
}

/// The open opportunities of this user (or of the whole team on this device), grouped by stage in
/// the pipeline's order, seen on the clock's local day (which marks deals past their close date);
/// reloads after a change of opportunities or accounts.
@MainActor
@Observable
public final class PipelineViewModel {
    public private(set) var state: Loadable<PipelineState> = .loading

    @ObservationIgnored private let device: Device
    @ObservationIgnored private let changes: DeviceChanges
    @ObservationIgnored private let lang: Lang
    @ObservationIgnored private let clock: ScreenClock
    @ObservationIgnored private var mineOnly: Bool
    @ObservationIgnored private var reloader: Reloader!

    public init(device: Device, changes: DeviceChanges, lang: Lang, clock: ScreenClock = ScreenClock(), mineOnly: Bool = true) {
        self.device = device
        self.changes = changes
        self.lang = lang
        self.clock = clock
        self.mineOnly = mineOnly
        reloader = Reloader { [weak self] in await self?.reload() }
    }

    public func start() {
        reloader.follow(changes) { $0.touches([.opportunities, .accounts]) }
    }

    public func stop() {
        reloader.stop()
    }

    public func refresh() async {
        await reloader.reload()
    }

    /// Shows this user's deals only, or everyone's.
    public func showMineOnly(_ mine: Bool) async {
        mineOnly = mine
        await reloader.reload()
    }

    private func reload() async {
        do {
            let items = try await device.pipeline(mineOnly: mineOnly)
            let stages = OpportunityStage.all.compactMap { stage -> PipelineStage? in
                let deals = items.filter { $0.opportunity.stage == stage }
                guard !deals.isEmpty else { return nil }
                return PipelineStage(
                    stage: stage,
                    title: opportunityStageLabel(stage: stage, lang: lang),
                    total: say(message: .pipelineTotal(count: UInt64(deals.count),
                                                       amountCents: deals.reduce(0) { $0 + $1.opportunity.amountCents }), lang: lang),
                    rows: deals.map { opportunityRow($0.opportunity, accountName: $0.accountName, today: clock.today, lang: lang) })
            }
            state = .loaded(PipelineState(
                title: say(message: .pipelineTitle, lang: lang),
                mineOnly: mineOnly,
                mineOnlyLabel: say(message: .mineOnly, lang: lang),
                stages: stages,
                emptyMessage: stages.isEmpty ? say(message: .noOpenDeal, lang: lang) : nil))
        } catch {
            state = .failed(errorText(error))
        }
    }
}
