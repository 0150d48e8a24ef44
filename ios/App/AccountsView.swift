// Accounts and the account detail: search as you type, the list beside the detail on the iPad
// (NavigationSplitView), contacts to call or mail, history, follow-ups, opportunities, the
// duplicate banner, editing. They only draw their view models' state.
import SwiftUI
import TourneeKit

struct AccountsView: View {
    @State private var model: AccountsViewModel
    @State private var selected: String?
    let device: Device
    let changes: DeviceChanges
    let lang: Lang

    init(device: Device, changes: DeviceChanges, lang: Lang) {
        _model = State(initialValue: AccountsViewModel(device: device, changes: changes, lang: lang))
        self.device = device
        self.changes = changes
        self.lang = lang
    }

    var body: some View {
        NavigationSplitView {
            List(model.state?.rows ?? [], selection: $selected) { row in
                VStack(alignment: .leading) {
                    Text(row.name).font(.headline)
                    Text(row.detail).font(.subheadline).foregroundStyle(.secondary)
                }
                .tag(row.id)
            }
            .overlay {
                if let empty = model.state?.emptyMessage {
                    ContentUnavailableView(empty, systemImage: model.state?.failed == true ? "exclamationmark.triangle" : "magnifyingglass")
                }
            }
            .searchable(text: Binding(get: { model.state?.query ?? "" }, set: { model.onQueryChanged($0) }),
                        prompt: model.state?.searchHint ?? "")
            .toolbar {
                if let filters = model.state?.filters { AccountFiltersMenu(model: model, filters: filters) }
            }
            .navigationTitle(say(message: .tabAccounts, lang: lang))
        } detail: {
            if let selected {
                AccountDetailView(accountId: selected, device: device, changes: changes, lang: lang).id(selected)
            }
        }
        .onAppear { model.start() }
        .onDisappear { model.stop() }
    }
}

/// The core's filters: kind or ABC class, dormant clients, mine only.
struct AccountFiltersMenu: View {
    let model: AccountsViewModel
    let filters: AccountFilters

    var body: some View {
        Menu {
            Button(filters.all) { model.showAll() }
            Picker(selection: Binding(get: { filters.kind }, set: { model.onKind($0) })) {
                ForEach(filters.kinds, id: \.value) { Text($0.label).tag(Optional($0.value)) }
            } label: { EmptyView() }
            Picker(selection: Binding(get: { filters.abcClass }, set: { model.onAbcClass($0) })) {
                ForEach(filters.abcClasses, id: \.value) { Text($0.label).tag(Optional($0.value)) }
            } label: { EmptyView() }
            Toggle(filters.dormant, isOn: Binding(get: { filters.dormantOnly }, set: { model.onDormantOnly($0) }))
            Toggle(filters.mine, isOn: Binding(get: { filters.mineOnly }, set: { model.onMineOnly($0) }))
        } label: {
            Image(systemName: "line.3.horizontal.decrease.circle")
        }
    }
}

struct AccountDetailView: View {
    @State private var model: AccountDetailViewModel
    @State private var loggingVisit = false
    @Environment(\.openURL) private var openURL
    let device: Device
    let lang: Lang

    init(accountId: String, device: Device, changes: DeviceChanges, lang: Lang) {
        _model = State(initialValue: AccountDetailViewModel(accountId: accountId, device: device, changes: changes, lang: lang))
        self.device = device
        self.lang = lang
    }

    var body: some View {
        LoadableView(state: model.state) { state in
            List {
                if let banner = state.banner {
                    Text(banner).foregroundStyle(.secondary)
                }
                ForEach(state.duplicates) { banner in
                    Label(banner.text, systemImage: "exclamationmark.2").foregroundStyle(.orange)
                }
                Section(state.kind) {
                    ForEach(state.fields, id: \.label) { LabeledContent($0.label, value: $0.value) }
                }
                Section {
                    ForEach(state.contacts) { contact in
                        HStack {
                            VStack(alignment: .leading) {
                                Text(contact.name)
                                Text(contact.detail).font(.caption).foregroundStyle(.secondary)
                            }
                            Spacer()
                            if let call = contact.call {
                                Button { openURL(call) } label: { Image(systemName: "phone") }.accessibilityLabel(state.call)
                            }
                            if let mail = contact.mail {
                                Button { openURL(mail) } label: { Image(systemName: "envelope") }.accessibilityLabel(state.mail)
                            }
                        }
                        .buttonStyle(.borderless)
                    }
                } header: {
                    HStack {
                        Text(state.contactsTitle)
                        Spacer()
                        Button { model.beginNewContact() } label: { Image(systemName: "person.badge.plus") }
                    }
                }
                Section(state.timelineTitle) {
                    if let empty = state.emptyTimeline { Text(empty).foregroundStyle(.secondary) }
                    ForEach(state.timeline) { TimelineRowView(row: $0) }
                }
                if !state.followUps.isEmpty {
                    Section(state.followUpsTitle) { ForEach(state.followUps) { TimelineRowView(row: $0) } }
                }
                if !state.opportunities.isEmpty {
                    Section(state.opportunitiesTitle) { ForEach(state.opportunities) { TimelineRowView(row: $0) } }
                }
            }
            .navigationTitle(state.name)
            .toolbar {
                Button(state.logVisit) { loggingVisit = true }
                Button(state.edit) { model.beginEdit() }
            }
            .sheet(isPresented: $loggingVisit) {
                NavigationStack { VisitFormView(device: device, lang: lang, accountId: state.id, accountName: state.name) }
            }
        }
        .sheet(isPresented: Binding(get: { model.editing != nil }, set: { if !$0 { model.cancelEdit() } })) {
            AccountEditView(model: model)
        }
        .sheet(isPresented: Binding(get: { model.newContact != nil }, set: { if !$0 { model.cancelNewContact() } })) {
            ContactEditView(model: model)
        }
        .onAppear { model.start() }
        .onDisappear { model.stop() }
    }
}

struct TimelineRowView: View {
    let row: TimelineRow

    var body: some View {
        VStack(alignment: .leading) {
            Text(row.title)
            Text(row.detail).font(.caption).foregroundStyle(row.overdue ? .red : .secondary)
        }
    }
}

/// A text field with its label and the core's refusal under it.
struct CheckedField: View {
    let label: String
    let error: String?
    @Binding var text: String

    var body: some View {
        VStack(alignment: .leading) {
            TextField(label, text: $text)
            if let error { Text(error).font(.caption).foregroundStyle(.red) }
        }
    }
}

struct AccountEditView: View {
    let model: AccountDetailViewModel

    var body: some View {
        if let editing = model.editing {
            NavigationStack {
                Form {
                    field(.name, \.name, editing)
                    Picker(selection: Binding(get: { model.editing?.form.kind ?? .prospect }, set: { kind in model.updateEdit { $0.kind = kind } })) {
                        ForEach(model.kinds, id: \.value) { Text($0.label).tag($0.value) }
                    } label: { EmptyView() }
                    Picker(editing.labels[.needHorizon] ?? "", selection: Binding(
                        get: { model.editing?.form.needHorizon }, set: { horizon in model.updateEdit { $0.needHorizon = horizon } })) {
                        ForEach(model.horizons, id: \.value) { Text($0.label).tag(Optional($0.value)) }
                    }
                    field(.phone, \.phone, editing)
                    field(.address, \.address, editing)
                    field(.postcode, \.postcode, editing)
                    field(.city, \.city, editing)
                    field(.website, \.website, editing)
                    field(.segment, \.segment, editing)
                    field(.territory, \.territory, editing)
                    field(.potentialCents, \.potential, editing)
                    field(.notes, \.notes, editing)
                    Toggle(editing.openDispute, isOn: Binding(get: { model.editing?.form.openDispute ?? false },
                                                              set: { value in model.updateEdit { $0.openDispute = value } }))
                    Toggle(editing.lost, isOn: Binding(get: { model.editing?.form.lost ?? false },
                                                       set: { value in model.updateEdit { $0.lost = value } }))
                    if let banner = editing.banner { Text(banner).foregroundStyle(.red) }
                }
                .toolbar {
                    ToolbarItem(placement: .cancellationAction) { Button(editing.cancel) { model.cancelEdit() } }
                    ToolbarItem(placement: .confirmationAction) { Button(editing.save) { Task { await model.saveEdit() } } }
                }
            }
        }
    }

    private func field(_ field: Field, _ path: WritableKeyPath<AccountForm, String>, _ editing: EditState<AccountForm>) -> some View {
        CheckedField(label: editing.labels[field] ?? "", error: editing.errors[field],
                     text: Binding(get: { model.editing?.form[keyPath: path] ?? "" }, set: { value in model.updateEdit { $0[keyPath: path] = value } }))
    }
}

struct ContactEditView: View {
    let model: AccountDetailViewModel

    var body: some View {
        if let contact = model.newContact {
            NavigationStack {
                Form {
                    field(.name, \.name, contact)
                    field(.role, \.role, contact)
                    field(.phone, \.phone, contact)
                    field(.email, \.email, contact)
                    if let banner = contact.banner { Text(banner).foregroundStyle(.red) }
                }
                .toolbar {
                    ToolbarItem(placement: .cancellationAction) { Button(contact.cancel) { model.cancelNewContact() } }
                    ToolbarItem(placement: .confirmationAction) { Button(contact.save) { Task { await model.saveNewContact() } } }
                }
            }
        }
    }

    private func field(_ field: Field, _ path: WritableKeyPath<ContactForm, String>, _ contact: EditState<ContactForm>) -> some View {
        CheckedField(label: contact.labels[field] ?? "", error: contact.errors[field],
                     text: Binding(get: { model.newContact?.form[keyPath: path] ?? "" }, set: { value in model.updateNewContact { $0[keyPath: path] = value } }))
    }
}
