# Les écrans des applications.

nothing-today = Rien de prévu aujourd'hui.
pending-changes = { $count ->
    [0] Tout est synchronisé
    [one] { $count } modification à synchroniser
   *[other] { $count } modifications à synchroniser
}
due-on = pour le { $date }
overdue-since = en retard depuis le { $date }
visit-saved = Visite enregistrée
visit-saved-with-order = Visite enregistrée, commande de { $amount }
not-saved = Non enregistré : { $reason }
