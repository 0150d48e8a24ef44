# Libellés des valeurs codées : message « <genre>-<code> », tirets à la place des soulignés.
# Genres et statuts se lisent dans une phrase et commencent par une minuscule ; canaux,
# indicateurs, métriques et motifs ouvrent une ligne ou une colonne et prennent une majuscule.

account-kind-client = client
account-kind-prospect = prospect
account-kind-former-client = ancien client
account-kind-prescriber = prescripteur

need-horizon-short-term = besoin à court terme
need-horizon-medium-long-term = besoin à moyen ou long terme
need-horizon-out-of-target = hors cible

lead-source-field = prospection terrain
lead-source-trade-show = salon
lead-source-web = web
lead-source-referral = recommandation
lead-source-inbound-call = appel entrant

channel-on-site = Visite terrain
channel-phone = Appel téléphonique
channel-video = Visioconférence
channel-trade-show = Salon
channel-email = E-mail

visit-status-planned = prévue
visit-status-done = faite
visit-status-cancelled = annulée

outcome-order-taken = commande prise
outcome-progress = avancée
outcome-no-progress = pas d'avancée
outcome-lost = perdu

interest-level-none = aucun intérêt
interest-level-low = intérêt faible
interest-level-medium = intérêt moyen
interest-level-high = intérêt fort

opportunity-stage-qualification = qualification
opportunity-stage-proposal = proposition
opportunity-stage-negotiation = négociation
opportunity-stage-won = gagnée
opportunity-stage-lost = perdue

metric-visits = Visites terrain
metric-meetings = Rendez-vous
metric-new-accounts = Nouveaux comptes
metric-revenue = Chiffre d'affaires
metric-margin = Marge

lead-status-new = nouveau
lead-status-qualified = qualifié
lead-status-discarded = écarté

collection-accounts = compte
collection-contacts = contact
collection-visits = visite
collection-follow-ups = relance
collection-opportunities = affaire
collection-objectives = objectif
collection-leads = contact salon

role-rep = commercial
role-manager = manager
role-admin = administrateur

indicator-visits = Visites terrain
indicator-contacts = Contacts (tous canaux)
indicator-new-accounts = Nouveaux comptes
indicator-new-clients = Nouveaux clients
indicator-prospect-to-client = Transformation prospect → client
indicator-orders = Commandes
indicator-visit-to-order = Contacts avec commande
indicator-revenue = Chiffre d'affaires (prises de commande)
indicator-margin = Marge
indicator-average-basket = Panier moyen
indicator-follow-up-compliance = Relances effectuées

attention-prospect-at-risk = Prospect à relancer
attention-dormant-client = Client dormant
attention-upset-account = Client fâché

decision-became-client = Devenu client
decision-lost = Perdu
decision-out-of-target = Hors cible

duplicate-reason-name-and-postcode = même nom et même code postal
duplicate-reason-registration-number = même numéro SIREN, SIRET ou TVA
duplicate-reason-email-domain = même domaine d'e-mail
