# The words of `tournee` (the CLI) of its own; labels, formats and the core's errors come from the core.

# Errors.
error-line = tournee: error: { $message }
invalid-field = { $field }: { $reason }
usage-missing = missing { $arg } (see --help)
usage-unknown = unexpected argument { $arg } (see --help)
usage-unknown-command = unknown command { $command } (see --help)
usage-conflict = { $arg } cannot be used with { $other }
usage-invalid = invalid value '{ $value }' for { $arg }
usage-missing-command = a command is needed (see --help)
unknown-lang = unknown language '{ $value }' (fr or en)
not-a-number = is not a whole number ('{ $text }')
not-a-day = is not a day ('{ $text }'; YYYY-MM-DD)
not-a-time = is not a local date and time ('{ $text }'; YYYY-MM-DD HH:MM)
unknown-code = unknown value '{ $text }' (one of: { $choices })
needs-next-step = needs --next-step (the follow-up to create)
one-resolution = give exactly one of --keep VALUE, --restore, --confirm-delete
no-such-conflict = there is no conflict number { $number } ({ $count } listed)
required = is required (or set { $variable })
nothing-to-change = nothing to change: give at least one field
not-enrolled = this device is not enrolled: run `tournee enroll --server URL --code CODE`
already-enrolled = this data directory is already enrolled (user { $user }); use another --data-dir
not-found = { $field }: nothing matches '{ $value }'
ambiguous = { $field }: '{ $value }' matches several accounts; give one of these ids:
no-data-dir = no data directory: give --data-dir or set TOURNEE_HOME
io-failed = { $path }: { $problem }
server-failed = the embedded server failed: { $problem }
demo-diverged = the devices did not converge: { $problem }

# Enrollment and status.
enrolled = Enrolled as { $user } ({ $role }) on { $server }. Device { $device }.
status-enrolled = User { $user } ({ $role }) on { $server }, device { $device }.
status-not-enrolled = Not enrolled.
status-store = Store: { $path }
status-pending = { $pending } { $pending ->
        [one] change
       *[other] changes
    } waiting to sync, { $conflicts } { $conflicts ->
        [one] conflict
       *[other] conflicts
    } to review.

# Field work.
visit-logged = Visit logged on { $account } ({ $channel }).
follow-up-done = Follow-up done: { $action } ({ $account }).
follow-up-created = Follow-up due { $date }: { $action }
order = Order { $amount }, margin { $margin }.
agenda-title = Agenda of { $date }
planned-visits = Planned visits ({ $count })
follow-ups-due = Follow-ups due ({ $count })
overdue = overdue
nothing = (none)
accounts-found = { $count } { $count ->
        [one] account
       *[other] accounts
    }
account-created = Account created: { $name } ({ $id }).
account-saved = Account saved: { $name } ({ $id }).
looks-like = Warning: this looks like an account that already exists:
me = { $user } (me)
contacts = Contacts ({ $count })
timeline = Timeline ({ $count })
merged-from = Merged duplicates: { $accounts }
done = done
lead-captured = Lead captured at { $event }: { $person } ({ $id }).
leads-of = Leads of { $event } ({ $count })
lead-qualified = Lead { $person } qualified into account { $account } ({ $id }).
lead-discarded = Lead { $person } discarded.

# Sync.
syncing = Syncing with { $server }
sync-progress = changes sent
sync-report = Sent { $sent } { $sent ->
        [one] document
       *[other] documents
    }, received { $received }, { $conflicts } new { $conflicts ->
        [one] conflict
       *[other] conflicts
    }, { $pending } { $pending ->
        [one] change
       *[other] changes
    } still pending; { $round_trips } round { $round_trips ->
        [one] trip
       *[other] trips
    }, { $bytes_up } B up, { $bytes_down } B down.
review-conflicts = Review them with `tournee conflicts`.
quarantined = { $count } received { $count ->
        [one] document
       *[other] documents
    } could not be applied and { $count ->
        [one] was
       *[other] were
    } set aside; everything else was applied (see `tournee status`).
status-quarantined = Set aside, not applied: document { $document } ({ $reason }).

# Dashboard.
dashboard-team = Weekly dashboard: team, week { $start } to { $end } (today { $today })
dashboard-rep = Weekly dashboard: { $rep }, week { $start } to { $end } (today { $today })
col-indicator = Indicator
col-week = This week
col-previous = Last week
col-objective = Objective
actions-due = Actions due ({ $count })
action-due = { $date }  { $account }: { $action } ({ $owner })
look-at = Accounts to look at ({ $count })
to-look-at = { $reason }: { $account } ({ $owner })

# Conflicts.
conflicts = Conflicts to review ({ $count })
conflict-field = { $number }. { $subject }, { $what }, { $field }: values { $values }; shown now: { $shown }
conflict-deleted = { $number }. { $subject }, { $what }: deleted on one device while edited on another (now deleted)
conflict-resolved = Conflict { $number } resolved.
quoted = “{ $text }”

# Admin.
team-created = Team created: { $name } (id { $id }).
user-created = User created: { $name }, { $role } (id { $id }).
code-issued = Enrollment code: { $code } (valid once, until { $until }).
code-link = To enroll a phone in one scan, show this as a QR code: { $link }
device-revoked = Device { $device } revoked.

# Demo.
demo-title = Tournée demo: a week of field work, week of { $start } to { $end }, seen on { $today } (seed { $seed })
demo-team = { $team }: { $manager } (manager); reps { $reps }.
demo-played = Played offline: { $contacts } { $contacts ->
        [one] contact
       *[other] contacts
    } logged this week ({ $on_site } on site), { $orders } { $orders ->
        [one] order
       *[other] orders
    } for { $revenue }, { $leads } { $leads ->
        [one] lead
       *[other] leads
    } at { $event }, { $follow_ups } { $follow_ups ->
        [one] follow-up
       *[other] follow-ups
    } created.
demo-overlaps = Overlapping edits: { $first } and { $second } both changed the phone and the notes of { $account }; { $second } and { $third } both created { $lead_company }; { $deleter } deleted a visit that { $editor } was editing.
demo-syncs = Syncs, in shuffled order (seed { $seed }):
demo-sync-line = { $number }. { $device }: sent { $sent }, received { $received }, { $conflicts } new { $conflicts ->
        [one] conflict
       *[other] conflicts
    }
demo-converged = All { $devices } devices agree: same accounts, same { $conflicts } { $conflicts ->
        [one] conflict
       *[other] conflicts
    }.
demo-merged-notes = Notes of { $account }, merged: { $notes }
duplicates = Possible duplicates ({ $count })
demo-elapsed = Demo played in { $seconds } s.

# Objectives.
not-a-period = is not a period ("{ $text }"; 2026-03, 2026-Q2, 2026 or 2026-03-01..2026-03-31)
objective-saved = Objective saved: { $metric } { $target } for { $who }, { $start } to { $end } ({ $id }).
objectives = Objectives ({ $count })
team = the team

# Export.
exported = { $rows } { $rows ->
        [one] row
       *[other] rows
    } written to { $file }.
needs-event = the leads of which event? give --event

# Import.
import-read = { $file }: { $rows } { $rows ->
        [one] row
       *[other] rows
    }, { $encoding }, separator "{ $delimiter }". Columns:
import-ignored = (ignored)
import-to-create = To create: { $count } { $count ->
        [one] account
       *[other] accounts
    } with { $contacts } { $contacts ->
        [one] contact
       *[other] contacts
    }.
import-created = Created: { $count } { $count ->
        [one] account
       *[other] accounts
    } with { $contacts } { $contacts ->
        [one] contact
       *[other] contacts
    }.
import-existing = Already imported: { $count } { $count ->
        [one] account
       *[other] accounts
    } (not created again), { $contacts } new { $contacts ->
        [one] contact
       *[other] contacts
    } for them.
import-similar = Line { $line }, { $name }, looks like an existing account:
import-refused = Refused: { $count } { $count ->
        [one] line
       *[other] lines
    }.
import-refused-line = Line { $line }: { $reason }
import-dry-run = Dry run: nothing was written. Run again without --dry-run to import.
import-stopped = Nothing was written: correct the refused lines, or import the others with --skip-refused.
import-done = Import done. Running it again creates nothing twice.
revenue-to-set = To set: { $figures } { $figures ->
        [one] figure
       *[other] figures
    } on { $accounts } { $accounts ->
        [one] account
       *[other] accounts
    } ({ $unchanged } already as in the file).
revenue-set = Set: { $figures } { $figures ->
        [one] figure
       *[other] figures
    } on { $accounts } { $accounts ->
        [one] account
       *[other] accounts
    } ({ $unchanged } already as in the file).

# Help of every command and option: "help-" and the command path, dashes for dots ("help-visit-order"),


# "any" for an option several commands share, "help" alone for the program.
help = Tournée on a laptop: a rep's device, admin commands and a demo
help-any-help = Print help
help-version = Print version
help-json = Print JSON for scripts instead of text
help-lang = Language: fr or en (default: from LC_ALL / LANG)
help-data_dir = Directory of this device's store
help-tz = Time zone of this device for "today", the agenda, the weeks and the times typed, e.g. Europe/Paris (default: the system's)
help-enroll = Enroll this device with a server and a one-time code
help-enroll-server = Server URL, e.g. https://tournee.example.com (http:// only for this computer)
help-enroll-code = Enrollment code given by the admin
help-enroll-device_name = A name for this device in the admin's list (default: tournee)
help-enroll-ca_cert = A certificate authority to trust for this server (PEM file): your company's own, when its certificate is not from a public one
help-status = Who this device is, what waits to sync, conflicts
help-visit = Log a visit report (and its next step as a follow-up)
help-visit-account = Account id or words of its name
help-visit-channel = on_site (default), phone, video, trade_show or email
help-visit-at = Start, local time YYYY-MM-DD HH:MM (default: now)
help-visit-duration = Duration in minutes (default: 30)
help-visit-objective = Objective of the visit
help-visit-notes = Free notes
help-visit-outcome = order_taken, progress, no_progress or lost
help-visit-interest = none, low, medium or high
help-visit-products = Products discussed (repeat the option)
help-visit-order = Order amount in euros, e.g. 1250.50
help-visit-margin = Order margin in euros
help-visit-next_step = Next step: also creates a follow-up
help-visit-due = Due day of the next step, YYYY-MM-DD (default: in 7 days)
help-agenda = Planned visits of a day and follow-ups due by then
help-agenda-day = Day, YYYY-MM-DD (default: today)
help-done = Mark one of your follow-ups done
help-done-follow_up = Follow-up id, as `tournee agenda` shows it
help-search = Search accounts by name, city or contact
help-search-text = Words to search (nothing: every account)
help-search-limit = Most accounts listed (default: 20)
help-account = Create, edit or show an account
help-account-new = Create an account (warns about look-alikes)
help-account-edit = Edit an account's fields
help-account-show = An account with its contacts and timeline
help-account-show-account = Account id or words of its name
help-account-edit-account = Account id or words of its name
help-lead = Trade-show leads: capture, list, qualify, discard
help-lead-add = Capture a lead (warns about existing accounts)
help-lead-add-name = Name of the person
help-lead-add-company = Company
help-lead-add-email = Email
help-lead-add-phone = Phone
help-lead-add-notes = Notes
help-lead-add-interest = none, low, medium or high
help-lead-list = Leads of the event, newest first
help-lead-qualify = Turn a lead into an account and a contact
help-lead-qualify-into = Attach to this existing account instead of creating one
help-lead-qualify-horizon = Need horizon of the new prospect: short_term, medium_long_term, out_of_target
help-lead-discard = Discard a lead
help-import = Import a spreadsheet's CSV file
help-import-accounts = Import the client file: accounts and their contacts (a dry run first with --dry-run)
help-import-accounts-file = The CSV file (; or , separated, UTF-8 or Windows-1252, French or English headers)
help-import-accounts-dry_run = Only show what would be created, what looks like a duplicate and each refused line
help-import-accounts-skip_refused = Import the good lines even when others are refused
help-import-accounts-map = Read column COLUMN as field FIELD (e.g. "Code=external_ref", "Divers=-" to ignore); repeat the option
help-import-revenue = Import the ERP's revenue per account, month and product family (sets the figures the file covers, leaves the others)
help-import-revenue-file = The CSV file: account reference, month (2026-03 or 03/2026), product family, amount
help-import-revenue-dry_run = Only show what would change and each refused line
help-import-revenue-skip_refused = Import the good lines even when others are refused
help-import-revenue-map = Read column COLUMN as field FIELD (external_ref, revenue.month, revenue.product_family, revenue.amount_cents); repeat the option
help-objective = A manager's objectives per rep or team, period and metric: set, edit, list
help-objective-set = Set an objective (a manager's device)
help-objective-set-metric = visits, meetings, new_accounts, revenue or margin
help-objective-set-target = A count, or euros for revenue and margin
help-objective-set-rep = The rep it is for (name or user id)
help-objective-set-team = For the whole team (the default when no --rep)
help-objective-set-period = 2026-03 (a month), 2026-Q2 (a quarter), 2026 (a year) or 2026-03-01..2026-03-31
help-objective-set-note = A note shown with the objective
help-objective-edit = Change an objective's metric, target, period or note
help-objective-edit-objective = The objective's id, as `tournee objective list` shows it
help-objective-edit-metric = visits, meetings, new_accounts, revenue or margin
help-objective-edit-target = A count, or euros for revenue and margin
help-objective-edit-period = 2026-03, 2026-Q2, 2026 or 2026-03-01..2026-03-31
help-objective-edit-note = A note shown with the objective
help-objective-list = List objectives, by period
help-objective-list-rep = Only this rep's (name or user id)
help-objective-list-team = Only the team's
help-objective-list-period = Only those meeting this period: 2026-03, 2026-Q2, 2026 or 2026-03-01..2026-03-31
help-export = Export for a spreadsheet (CSV in your language) or a script (JSON): what this device holds
help-export-what = accounts, contacts, visits, follow-ups, opportunities, leads or dashboard
help-export-output = The file to write
help-export-format = csv (default: ; and decimal comma in French, UTF-8 with BOM) or json
help-export-event = The event whose leads to export
help-export-team = The team's dashboard
help-export-rep = This rep's dashboard, by name or user id (default: yours)
help-export-week = A day of the dashboard's week, YYYY-MM-DD (default: today)
help-sync = Send local changes and receive the team's
help-dashboard = The weekly dashboard (yours, a rep's or the team's)
help-dashboard-team = The whole team's (a manager's view)
help-dashboard-rep = This rep's, by name or user id
help-dashboard-week = A day of the week to show, YYYY-MM-DD (default: today)
help-conflicts = Review conflicts (the list by default) and resolve them
help-conflicts-list = List the conflicts, numbered
help-conflicts-resolve = Settle conflict NUMBER
help-conflicts-resolve-number = Its number in `tournee conflicts list`
help-conflicts-resolve-keep = Keep this one of the values
help-conflicts-resolve-restore = Bring a deleted record back, with the edits
help-conflicts-resolve-confirm_delete = Keep the record deleted
help-admin = Administration against a server (admin token)
help-admin-server = Server URL
help-admin-admin_token = Admin token
help-admin-ca_cert = A certificate authority to trust for this server (PEM file)
help-admin-create-team = Create a team
help-admin-create-team-name = Team name
help-admin-add-user = Create a rep or a manager of a team
help-admin-add-user-name = User name
help-admin-add-user-role = rep or manager
help-admin-add-user-team = Team id
help-admin-enrollment-code = Issue a one-time enrollment code for a user
help-admin-enrollment-code-user = User id
help-admin-revoke-device = Revoke a device's token at once
help-admin-revoke-device-device = Device id
help-demo = Play a week of a team's field work against an embedded server
help-demo-seed = Seed of the sync order (default: 2026)
help-any-event = Trade show or event
help-any-lead = Lead id
help-any-name = Company name
help-any-kind = client, prospect, former_client or prescriber
help-any-horizon = Need horizon: short_term, medium_long_term or out_of_target
help-any-source = Lead source: field, trade_show, web, referral, inbound_call
help-any-territory = Territory
help-any-segment = Segment
help-any-address = Street address
help-any-postcode = Postcode
help-any-city = City
help-any-phone = Phone
help-any-website = Website
help-any-registration = SIREN, SIRET or VAT number
help-any-potential = Estimated yearly potential in euros
help-any-notes = Notes (replace the account's notes)
help-any-dispute = An open dispute or complaint: true or false

# Headings of the help pages.
heading-usage = Usage:
heading-commands = Commands
heading-arguments = Arguments
heading-options = Options
heading-global-options = Global options
