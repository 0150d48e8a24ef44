// The iOS app (built on macOS with Xcode from project.yml; not part of the Swift package tested on
// Linux): the device enrolled or the enrollment screen, then the app's destinations. Every view
// only draws its view model's state (TourneeKit).
import SwiftUI
import TourneeKit

@main
struct TourneeApp: App {
    @State private var session = AppSession()

    var body: some Scene {
        WindowGroup {
            if let device = session.device, let changes = session.changes {
                MainView(device: device, changes: changes, lang: session.lang, onLanguage: { session.lang = $0 })
                    .id(session.lang)
            } else {
                EnrollmentView(dataDir: AppSession.dataDir, lang: session.lang) { session.opened($0) }
            }
        }
    }
}

/// The device this app acts for once enrolled, its changes, and the language of the screens.
@MainActor
@Observable
final class AppSession {
    static let dataDir = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
        .appendingPathComponent("tournee").path

    var device: Device?
    var changes: DeviceChanges?
    var lang: Lang = Locale.current.language.languageCode?.identifier == "en" ? .en : .fr

    init() {
        if let device = try? EnrollmentViewModel(dataDir: Self.dataDir, lang: lang).openEnrolled() {
            opened(device)
        }
    }

    func opened(_ device: Device) {
        self.device = device
        changes = DeviceChanges(device: device)
        // The core's "today", agenda and weeks follow the phone's time zone; a name the tz database
        // does not know leaves the core on the system's, the same clock.
        Task { _ = try? await device.setTimeZone(name: TimeZone.current.identifier) }
    }
}

/// The app's destinations, in a tab bar.
struct MainView: View {
    let device: Device
    let changes: DeviceChanges
    let lang: Lang
    let onLanguage: (Lang) -> Void

    var body: some View {
        TabView {
            NavigationStack { TodayView(device: device, changes: changes, lang: lang) }
                .tabItem { Label(say(message: .tabToday, lang: lang), systemImage: "calendar") }
            AccountsView(device: device, changes: changes, lang: lang)
                .tabItem { Label(say(message: .tabAccounts, lang: lang), systemImage: "building.2") }
            NavigationStack { FollowUpsView(device: device, changes: changes, lang: lang) }
                .tabItem { Label(say(message: .followUpsTitle, lang: lang), systemImage: "arrow.uturn.forward") }
            NavigationStack { TradeShowTab(device: device, changes: changes, lang: lang) }
                .tabItem { Label(say(message: .tabTradeShow, lang: lang), systemImage: "person.crop.rectangle.stack") }
            NavigationStack { PipelineView(device: device, changes: changes, lang: lang) }
                .tabItem { Label(say(message: .tabPipeline, lang: lang), systemImage: "chart.bar.doc.horizontal") }
            NavigationStack { DashboardView(device: device, changes: changes, lang: lang) }
                .tabItem { Label(say(message: .tabDashboard, lang: lang), systemImage: "chart.xyaxis.line") }
            NavigationStack { SyncConflictsView(device: device, changes: changes, lang: lang) }
                .tabItem { Label(say(message: .tabSync, lang: lang), systemImage: "arrow.triangle.2.circlepath") }
            NavigationStack { SettingsView(device: device, lang: lang, onLanguage: onLanguage) }
                .tabItem { Label(say(message: .settingsTitle, lang: lang), systemImage: "gear") }
        }
    }
}

/// The trade-show tab: the event's name (typed once, kept on the device), then its capture screen.
struct TradeShowTab: View {
    let device: Device
    let changes: DeviceChanges
    let lang: Lang
    @AppStorage("tournee.event") private var event = ""
    @State private var typed = ""

    var body: some View {
        if event.isEmpty {
            Form {
                TextField(fieldLabel(field: .event, lang: lang), text: $typed)
                    .onSubmit { event = typed.trimmingCharacters(in: .whitespaces) }
            }
            .navigationTitle(say(message: .tabTradeShow, lang: lang))
        } else {
            LeadCaptureView(device: device, changes: changes, lang: lang, event: event).id(event)
        }
    }
}

/// What a screen shows while loading, or why it could not load.
struct LoadableView<Value: Equatable & Sendable, Content: View>: View {
    let state: Loadable<Value>
    @ViewBuilder let content: (Value) -> Content

    var body: some View {
        switch state {
        case .loading: ProgressView()
        case let .failed(message): ContentUnavailableView(message, systemImage: "exclamationmark.triangle")
        case let .loaded(value): content(value)
        }
    }
}
