// The weekly dashboard shared by rep and manager: about ten indicators against last week and the
// objectives, the series of its charts (bars against the objective, a trend over recent weeks),
// the actions due and the accounts to look at.
import Foundation
import Observation

/// Whose dashboard: one rep's (by user id), or the team's.
public enum DashboardScope: Hashable, Sendable {
    case rep(String)
    case team

    var core: Scope {
        switch self {
        case let .rep(id): .rep(id)
        case .team: .team
        }
    }
}

/// One indicator as the table shows it, every number worded by the core.
public struct IndicatorRow: Equatable, Hashable, Sendable, Identifiable {
    public var id: IndicatorKey { key }
    public let key: IndicatorKey
    /// "Visites terrain".
    public let label: String
    /// This week's figure: "12", "1 250,50 €", "42,5 %"; "—" for a ratio with no base.
    public let value: String
    /// "la semaine dernière 10".
    public let previous: String
    /// "objectif 4 (50 %)" when there is an objective.
    public let objective: String?
    /// Whether this week's figure reached the objective; `nil` without one.
    public let met: Bool?
}

/// A bar of the chart of figures against their objectives: how much of it is reached, in percent
/// (100 is the objective's line).
public struct ObjectiveBar: Equatable, Hashable, Sendable, Identifiable {
    public var id: IndicatorKey { key }
    public let key: IndicatorKey
    public let label: String
    public let percent: Double
    /// "50 %".
    public let percentText: String
    public let met: Bool
}

/// A point of the trend over recent weeks.
public struct TrendPoint: Equatable, Hashable, Sendable, Identifiable {
    public var id: String { week }
    /// The week's first day, as shown: "02/03/2026".
    public let week: String
    /// The figure in its unit (euros for money, not cents), for the chart's scale.
    public let value: Double
    /// The figure as shown: "1 250,50 €".
    public let text: String
}

/// Everything the dashboard draws.
public struct DashboardState: Equatable, Sendable {
    /// "Semaine".
    public var title: String
    /// "Semaine du 02/03/2026".
    public var week: String
    public var scope: DashboardScope
    /// The dashboards this device can show: "Ma semaine", "Équipe", then each other rep it has
    /// records of (by user id: the device knows no names).
    public var scopes: [Choice<DashboardScope>]
    public var indicators: [IndicatorRow]
    /// The indicators that have an objective this week.
    public var objectiveBars: [ObjectiveBar]
    public var trendTitle: String
    /// The indicator the trend follows, and its weeks, oldest first.
    public var trendKey: IndicatorKey
    public var trendKeys: [Choice<IndicatorKey>]
    public var trend: [TrendPoint]
    public var actionsTitle: String
    public var actions: [AgendaRow]
    /// Shown instead of the actions when none is due.
    public var nothingDue: String?
    public var attentionTitle: String
    /// "Client dormant · Classe A".
    public var attention: [AccountRow]
    /// Shown instead of the accounts to look at when there is none.
    public var nothingToLookAt: String?
}

/// The weekly dashboard on the clock's local day, and the trend of an indicator over the last weeks
/// (each week's figures as its own dashboard shows them). Whose: this user's, the team's, or another
/// rep's this device has records of (a manager's device holds the team's).
@MainActor
@Observable
public final class DashboardViewModel {
    public private(set) var state: Loadable<DashboardState> = .loading

    @ObservationIgnored private let device: Device
    @ObservationIgnored private let changes: DeviceChanges
    @ObservationIgnored private let lang: Lang
    @ObservationIgnored private let clock: ScreenClock
    @ObservationIgnored private var scope: DashboardScope
    @ObservationIgnored private var trendKey: IndicatorKey = .visits
    @ObservationIgnored private var reloader: Reloader!

    /// The weeks of the trend, this one included.
    static let trendWeeks = 8

    public init(device: Device, changes: DeviceChanges, lang: Lang, clock: ScreenClock = ScreenClock(),
                scope: DashboardScope? = nil) {
        self.device = device
        self.changes = changes
        self.lang = lang
        self.clock = clock
        self.scope = scope ?? .rep(device.identity().userId)
        reloader = Reloader { [weak self] in await self?.reload() }
    }

    public func start() {
        reloader.follow(changes) { !$0.collections.isEmpty }
    }

    public func stop() {
        reloader.stop()
    }

    public func refresh() async {
        await reloader.reload()
    }

    public func show(_ scope: DashboardScope) async {
        self.scope = scope
        await reloader.reload()
    }

    /// The indicator the trend follows.
    public func follow(_ key: IndicatorKey) async {
        trendKey = key
        await reloader.reload()
    }

    private func reload() async {
        do {
            state = .loaded(try await load())
        } catch {
            state = .failed(errorText(error))
        }
    }

    private func load() async throws -> DashboardState {
        let today = clock.today
        let dashboard = try await device.weeklyDashboard(scope: scope.core, today: today)
        let weekly = try await device.weeklyTrend(scope: scope.core, today: today, weeks: UInt32(Self.trendWeeks))
        var trend: [TrendPoint] = []
        if let followed = weekly.indicators.first(where: { $0.key == trendKey }) {
            for (week, value) in zip(weekly.weeks, followed.values) {
                trend.append(TrendPoint(week: formatDate(day: week.start, lang: lang),
                                        value: (value ?? 0) / (followed.unit == .cents ? 100 : 1),
                                        text: figure(value, followed.unit)))
            }
        }
        let indicators = dashboard.indicators.map { indicator in
            IndicatorRow(
                key: indicator.key, label: indicatorLabel(key: indicator.key, lang: lang),
                value: figure(indicator.value, indicator.unit),
                previous: say(message: .lastWeek(value: figure(indicator.previous, indicator.unit)), lang: lang),
                objective: indicator.objective.map { objective in
                    say(message: .objectiveProgress(
                        target: figure(Double(objective.target), indicator.unit),
                        percent: objective.percent.map { formatPercent(value: $0, lang: lang) } ?? say(message: .noValue, lang: lang)),
                        lang: lang)
                },
                met: indicator.objective?.met)
        }
        let bars = dashboard.indicators.compactMap { indicator -> ObjectiveBar? in
            guard let objective = indicator.objective, let percent = objective.percent else { return nil }
            return ObjectiveBar(key: indicator.key, label: indicatorLabel(key: indicator.key, lang: lang), percent: percent,
                                percentText: formatPercent(value: percent, lang: lang), met: objective.met)
        }
        let actions = dashboard.actionsDue.map { action in
            AgendaRow(id: action.followUpId, accountId: action.accountId, title: action.accountName ?? "",
                      detail: "\(action.action) · \(say(message: .due(day: action.dueOn, overdue: action.overdue), lang: lang))",
                      overdue: action.overdue)
        }
        let attention = dashboard.accountsToLookAt.map { item in
            AccountRow(id: item.account.accountId, name: item.account.name,
                       detail: [attentionLabel(reason: item.reason, lang: lang),
                                item.abcClass.map { say(message: .filterAbcClass(class: $0), lang: lang) }]
                           .compactMap { $0 }.joined(separator: " · "))
        }
        return DashboardState(
            title: say(message: .tabDashboard, lang: lang),
            week: say(message: .weekOf(day: dashboard.week.start), lang: lang),
            scope: scope,
            scopes: try await scopes(),
            indicators: indicators,
            objectiveBars: bars,
            trendTitle: say(message: .trendOverWeeks(weeks: UInt32(Self.trendWeeks)), lang: lang),
            trendKey: trendKey,
            trendKeys: dashboard.indicators.map { Choice(value: $0.key, label: indicatorLabel(key: $0.key, lang: lang)) },
            trend: trend,
            actionsTitle: say(message: .actionsDue, lang: lang),
            actions: actions,
            nothingDue: actions.isEmpty ? say(message: .nothingDue, lang: lang) : nil,
            attentionTitle: say(message: .accountsToLookAt, lang: lang),
            attention: attention,
            nothingToLookAt: attention.isEmpty ? say(message: .noAccountToLookAt, lang: lang) : nil)
    }

    /// The dashboards this device can show, named by the core (a rep by name).
    private func scopes() async throws -> [Choice<DashboardScope>] {
        try await device.dashboardScopes(lang: lang).map { choice in
            switch choice.scope {
            case .team: Choice(value: .team, label: choice.label)
            case let .rep(id): Choice(value: .rep(id), label: choice.label)
            }
        }
    }

    /// A figure in its unit, as the core writes it; "—" for a ratio with nothing to divide by.
    private func figure(_ value: Double?, _ unit: IndicatorUnit) -> String {
        guard let value else { return say(message: .noValue, lang: lang) }
        switch unit {
        case .count: return formatCount(value: Int64(value.rounded()), lang: lang)
        case .cents: return formatMoney(cents: Int64(value.rounded()), lang: lang)
        case .percent: return formatPercent(value: value, lang: lang)
        }
    }
}
