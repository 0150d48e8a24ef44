# Labels of coded values: message "<kind>-<code>", the code's underscores as dashes.
# Kinds and statuses are read inside a sentence and start in lower case; channels, indicators,
# metrics and reasons head a line or a column and start with a capital.

account-kind-client = client
account-kind-prospect = prospect
account-kind-former-client = former client
account-kind-prescriber = prescriber

need-horizon-short-term = short-term need
need-horizon-medium-long-term = medium or long-term need
need-horizon-out-of-target = out of target

lead-source-field = field prospecting
lead-source-trade-show = trade show
lead-source-web = web
lead-source-referral = referral
lead-source-inbound-call = inbound call

channel-on-site = On-site visit
channel-phone = Phone call
channel-video = Video call
channel-trade-show = Trade show
channel-email = Email

visit-status-planned = planned
visit-status-done = done
visit-status-cancelled = cancelled

outcome-order-taken = order taken
outcome-progress = progress
outcome-no-progress = no progress
outcome-lost = lost

interest-level-none = no interest
interest-level-low = low interest
interest-level-medium = medium interest
interest-level-high = high interest

opportunity-stage-qualification = qualification
opportunity-stage-proposal = proposal
opportunity-stage-negotiation = negotiation
opportunity-stage-won = won
opportunity-stage-lost = lost

metric-visits = On-site visits
metric-meetings = Meetings
metric-new-accounts = New accounts
metric-revenue = Revenue
metric-margin = Margin

lead-status-new = new
lead-status-qualified = qualified
lead-status-discarded = discarded

collection-accounts = account
collection-contacts = contact
collection-visits = visit
collection-follow-ups = follow-up
collection-opportunities = opportunity
collection-objectives = objective
collection-leads = lead

role-rep = rep
role-manager = manager
role-admin = admin

indicator-visits = On-site visits
indicator-contacts = Contacts (all channels)
indicator-new-accounts = New accounts
indicator-new-clients = New clients
indicator-prospect-to-client = Prospect to client
indicator-orders = Orders
indicator-visit-to-order = Contacts with an order
indicator-revenue = Revenue (orders taken)
indicator-margin = Margin
indicator-average-basket = Average basket
indicator-follow-up-compliance = Follow-ups done

attention-prospect-at-risk = Prospect at risk of being dropped
attention-dormant-client = Dormant client
attention-upset-account = Upset account

decision-became-client = Became a client
decision-lost = Lost
decision-out-of-target = Out of target

duplicate-reason-name-and-postcode = same name and postcode
duplicate-reason-registration-number = same registration number
duplicate-reason-email-domain = same email domain
