// The first screen and the settings: enroll this device (server address and one-time code, typed
// or scanned, device name, language), then who it acts for and the app's language.
import Foundation
import Observation

/// What the person enrolling the device typed (or scanned).
public struct EnrollmentForm: Equatable, Sendable {
    public var serverUrl = ""
    public var code = ""
    public var deviceName = ""
    public var lang: Lang = .fr

    public init(serverUrl: String = "", code: String = "", deviceName: String = "", lang: Lang = .fr) {
        self.serverUrl = serverUrl
        self.code = code
        self.deviceName = deviceName
        self.lang = lang
    }
}

/// Everything the enrollment screen draws, in the language being chosen.
public struct EnrollmentState: Equatable, Sendable {
    public var title: String
    public var form: EnrollmentForm
    public var serverLabel: String
    public var codeLabel: String
    public var deviceNameLabel: String
    /// Each language named in itself: "Français", "English".
    public var languages: [Choice<Lang>]
    public var enroll: String
    /// The three fields are filled.
    public var canEnroll: Bool
    public var enrolling = false
    /// Why the last try failed, in the chosen language.
    public var error: String? = nil
}

/// Enrolls this device with the server address and the one-time code an admin gave (typed, or read
/// from the admin's QR code by the platform), under a device name, in the language the person
/// picks; the app's data lives in `dataDir`.
@MainActor
@Observable
public final class EnrollmentViewModel {
    public private(set) var state: EnrollmentState
    @ObservationIgnored private let dataDir: String

    public init(dataDir: String, lang: Lang) {
        self.dataDir = dataDir
        state = Self.state(EnrollmentForm(lang: lang))
    }

    /// The device enrolled here before, opened; `nil` when this directory has none yet.
    public func openEnrolled() throws -> Device? {
        let home = Tournee(dataDir: dataDir, lang: state.form.lang)
        return try home.isEnrolled() ? try home.open() : nil
    }

    /// The form changed (which clears the last error); a new language rewords the whole screen.
    public func update(_ change: (inout EnrollmentForm) -> Void) {
        var form = state.form
        change(&form)
        var next = Self.state(form)
        next.enrolling = state.enrolling
        state = next
    }

    /// Enrolls this device; returns it, or `nil` with the reason in `state`.
    public func enroll() async -> Device? {
        guard state.canEnroll, !state.enrolling else { return nil }
        let form = state.form
        state.enrolling = true
        state.error = nil
        do {
            let device = try await Tournee(dataDir: dataDir, lang: form.lang).enroll(
                serverUrl: form.serverUrl.trimmingCharacters(in: .whitespaces),
                code: form.code.trimmingCharacters(in: .whitespaces),
                deviceName: form.deviceName.trimmingCharacters(in: .whitespaces))
            state.enrolling = false
            return device
        } catch {
            state.enrolling = false
            state.error = errorText(error)
            return nil
        }
    }

    private static func state(_ form: EnrollmentForm) -> EnrollmentState {
        let lang = form.lang
        return EnrollmentState(
            title: say(message: .enrollTitle, lang: lang),
            form: form,
            serverLabel: say(message: .serverAddress, lang: lang),
            codeLabel: say(message: .enrollmentCode, lang: lang),
            deviceNameLabel: fieldLabel(field: .deviceName, lang: lang),
            languages: languageChoices(lang),
            enroll: say(message: .enroll, lang: lang),
            canEnroll: [form.serverUrl, form.code, form.deviceName].allSatisfy { !$0.allSatisfy(\.isWhitespace) }
        )
    }
}

/// Each language the app speaks, named in itself.
func languageChoices(_ lang: Lang) -> [Choice<Lang>] {
    [Lang.fr, Lang.en].map { Choice(value: $0, label: say(message: .languageName(lang: $0), lang: lang)) }
}

/// Everything the settings screen draws.
public struct SettingsState: Equatable, Sendable {
    public var title: String
    /// "Connecté à https://… en tant que commercial".
    public var actsFor: String
    public var lang: Lang
    public var languages: [Choice<Lang>]
}

/// The settings of an enrolled device: who it acts for, and the language of the app (the screens
/// are reopened in it; the device's own messages, its errors, follow at once).
@MainActor
@Observable
public final class SettingsViewModel {
    public private(set) var state: SettingsState
    @ObservationIgnored private let device: Device

    public init(device: Device, lang: Lang) {
        self.device = device
        state = Self.state(device, lang)
    }

    public func chooseLanguage(_ lang: Lang) {
        device.setLanguage(lang: lang)
        state = Self.state(device, lang)
    }

    private static func state(_ device: Device, _ lang: Lang) -> SettingsState {
        let identity = device.identity()
        return SettingsState(
            title: say(message: .settingsTitle, lang: lang),
            actsFor: say(message: .connectedAs(server: identity.serverUrl, role: identity.role), lang: lang),
            lang: lang,
            languages: languageChoices(lang)
        )
    }
}
