import type { Cue } from './rules';

// Cues for customers who write in Spanish, French, German, Italian or Portuguese. Text is
// accent-folded before matching ("dirección" → "direccion", "ß" → "ss"), so the patterns are
// plain ASCII. Stems, not sentences: the same verbs and nouns a support agent would scan for.

const R = (s: string) => new RegExp(s); // text is lower-cased first

export const MULTILINGUAL_CUES: Cue[] = [
  // --- where is my order ---
  {
    intent: 'wismo',
    weight: 3,
    label: 'where is my order (es/fr/de/it/pt)',
    re: R(
      '\\b(donde (esta|estan|anda|queda)|(todavia|aun) no (ha llegado|llega|me ha llegado|lo he recibido|he recibido)|a che punto|(doveva|deberia|devait|sollte)[^.?!]{0,30}(consegnat|llegado|entregad|livre|geliefert|ankommen|arrivat)|waar is mijn|nog niet (ontvangen|binnen|aangekomen)|no (me )?ha llegado|cuando (llega|llegara|llegaria|me llega|van a enviar|se envia|enviaran)|(estado|seguimiento|rastreo) (de|del) (mi )?(pedido|paquete|envio|orden)|ou (est|en est|sont)|quand (vais-je|est-ce que je vais|vai-je|sera|arrivera|arrive|va arriver|sera livr)|toujours (pas|rien)|(pas encore|toujours pas) (recu|arrive|livre|expedie)|suivi (de |du )?(ma |mon )?(commande|colis)|wo (ist|bleibt|sind) (meine|mein|die|das)|wann (kommt|kommen|wird|erhalte|bekomme)|(noch nicht|immer noch nicht) (angekommen|da|geliefert|erhalten|verschickt|versandt)|sendungsverfolgung|sendungsnummer|dove (e|si trova) (il |la )?(mio |mia )?(ordine|pacco|spedizione)|quando (arriva|arrivera|verra spedit)|non (e|mi e) ancora arrivat|onde (esta|anda) (o |a )?(meu |minha )?(pedido|encomenda)|(ainda nao|nao) (chegou|recebi)|quando (chega|vai chegar)|rastreio|codigo de rastreamento)',
    ),
  },
  {
    intent: 'wismo',
    weight: 1.5,
    label: 'order or parcel (es/fr/de/it/pt)',
    re: R(
      '\\b(mi pedido|mi paquete|mi envio|ma commande|mon colis|meine bestellung|mein paket|il mio ordine|il mio pacco|meu pedido|minha encomenda)\\b',
    ),
  },

  // --- delivered but not received ---
  {
    intent: 'not_received',
    weight: 4,
    label: 'says delivered (es/fr/de/it/pt)',
    re: R(
      '\\b((dice|aparece|figura|pone|marca|sale) (como |que (fue |esta |ha sido )?)?entregad[oa]|(indique|marque|note|affiche) (comme )?livre|(als )?zugestellt (markiert|angezeigt)|(steht|zeigt|angeblich) .{0,20}zugestellt|risulta (come )?consegnat|(consta|aparece) como entregue|diz que foi entregue)',
    ),
  },
  {
    intent: 'not_received',
    weight: 2.5,
    label: 'delivered (es/fr/de/it/pt/nl)',
    re: R(
      '\\b(entregad[oa]|(se )?entrego|entregaron|livree?|depose|zugestellt|geliefert|abgegeben|consegnat[oa]|entregue|bezorgd|afgeleverd)\\b',
    ),
  },
  {
    intent: 'not_received',
    weight: 3,
    label: 'empty or nothing inside (es/fr/de/it/pt/nl)',
    re: R(
      '\\b(leer|vacio|vide|rien dedans|il n.y a rien|vuoto|vazio|leeg|nadie lo tiene|ningun vecino|personne ne l.a|niemand hat|keiner [^.?!]{0,30}hat es)\\b',
    ),
  },
  {
    intent: 'not_received',
    weight: 3.5,
    label: 'never received (es/fr/de/it/pt)',
    re: R(
      '\\b(nunca (lo )?(recibi|llego|me llego)|no (lo )?he recibido nada|jamais (recu|arrive|livre)|rien recu|nie (angekommen|erhalten|bekommen)|nicht (erhalten|bekommen) obwohl|mai (ricevuto|arrivato)|nunca (recebi|chegou))\\b',
    ),
  },
  {
    intent: 'not_received',
    weight: 3,
    label: 'stolen or lost (es/fr/de/it/pt)',
    re: R('\\b(robad[oa]|perdid[oa]|vole|perdu|gestohlen|verloren|rubat[oa]|smarrit[oa]|roubad[oa]|extraviad[oa])\\b'),
  },

  {
    intent: 'not_received',
    weight: 4,
    label: 'delivered but nothing here (es/fr/de/it/pt)',
    re: R(
      '\\b(entregad[oa]|livree?|zugestellt|geliefert|consegnat[oa]|entregue)\\b[^.?!]{0,50}\\b(pero|mais|aber|ma|mas)\\b|\\bwurde[^.?!]{0,20}zugestellt',
    ),
  },

  // --- damaged, defective or wrong item ---
  {
    intent: 'damaged',
    weight: 3.5,
    label: 'damaged or defective (es/fr/de/it/pt)',
    re: R(
      '\\b(rot[oa]s?|danad[oa]s?|defectuos[oa]s?|estropead[oa]|cassee?s?|abimee?s?|endommagee?s?|defectueu(x|se)|kaputt|beschadigt|defekt|zerbrochen|gebrochen|rott[oa]|danneggiat[oa]|difettos[oa]|quebrad[oa]|danificad[oa]|defeituos[oa]|partid[oa])\\b',
    ),
  },
  {
    intent: 'damaged',
    weight: 3,
    label: 'wrong or missing item (es/fr/de/it/pt)',
    re: R(
      '\\b((producto|articulo|talla|color) (equivocad|incorrect)|(mauvais|mauvaise) (article|taille|couleur|produit)|pas (le bon|la bonne)|falsche[nrs]? (artikel|grosse|farbe|produkt)|(prodotto|articolo|taglia) sbagliat|(produto|tamanho|cor) errad|(falta|manque|fehlt|manca) )',
    ),
  },
  {
    intent: 'damaged',
    weight: 3,
    label: 'cracked, leaking, one side only (es/fr/de/it/pt/nl)',
    re: R(
      '\\b(fele|felee|fissure|a coule|fuit|fuite|solo (suena|suenan|funciona)|nur (links|rechts|eine seite)|ne marche que|undicht|ausgelaufen|perde|vaza|vazou|gebarsten|kapot|lekt)\\b',
    ),
  },

  {
    intent: 'damaged',
    weight: 2.5,
    label: 'torn, stained or replacement (es/fr/de/it/pt)',
    re: R(
      '\\b(dechire?e?s?|kratzer|zerkratzt|farbe geht ab|verfarbt|tache|trou|suelt[oa]|se cayo|se rompio|mancha|agujero|descosid[oa]|fleck|loch|riss|gerissen|naht|strappat[oa]|macchia|buco|rasgad[oa]|furo|ersatz|remplacement|reemplazo|sostituzione|substituicao|reposicao)\\b|\\b(no|ne|nicht|non|nao) (funciona|fonctionne|marche|funktioniert|funziona)\\b|\\bfunktioniert (nicht|nicht mehr)|\\b(faltan?|manquant|fehlen|mancano|faltou)\\b',
    ),
  },

  // --- return or exchange ---
  {
    intent: 'return_exchange',
    weight: 3,
    label: 'return or exchange (es/fr/de/it/pt)',
    re: R(
      '\\b(devolver|devolucion|devuelvo|cambiar(lo|la|los)? (por|de talla)|cambi(arla|arlo|are)|sostituir\\w*|terugsturen|retourneren|ruilen|cambio de talla|retourner|retour|echanger|echange|zuruck(senden|schicken|geben)|rucksendung|retoure|umtausch(en)?|umtauschen|restituire|reso|cambiare (la )?taglia|devolver|devolucao|trocar|troca)\\b',
    ),
    negatable: true,
  },
  {
    intent: 'return_exchange',
    weight: 2.5,
    label: 'does not fit (es/fr/de/it/pt)',
    re: R(
      '\\b(me queda (pequen|grande|chic)|talla (mas|equivocada)|trop (petit|grand|serre)|taille (au-dessus|en dessous|plus)|zu (klein|gross|eng)|passt (nicht|leider nicht)|troppo (piccol|grand|stretto)|muito (pequen|grande|apertad))',
    ),
  },

  // --- refund ---
  {
    intent: 'refund',
    weight: 3,
    label: 'refund (es/fr/de/it/pt)',
    re: R(
      '\\b(reembols\\w*|devolucion (de mi|del) dinero|mi dinero|devolu[cs]ao do dinheiro|meu dinheiro|estorno|rembours\\w*|mon argent|(ruck)?erstattung|erstatten|geld zuruck|mein geld|rimbors\\w*|i miei soldi)\\b',
    ),
    negatable: true,
  },
  {
    intent: 'refund',
    weight: 3,
    label: 'charged wrongly (es/fr/de/it/pt)',
    re: R(
      '\\b(cobrad[oa] dos veces|cobro (doble|duplicado)|me cobraron|debite deux fois|preleve deux fois|doppelt (abgebucht|belastet|berechnet)|addebitat[oa] due volte|cobrad[oa] duas vezes|cobranca (duplicada|em dobro))\\b',
    ),
  },

  {
    intent: 'refund',
    weight: 4.5,
    label: 'refund not arrived (es/fr/de/it/pt)',
    re: R(
      '\\b((pas (encore )?|toujours pas |rien )recu (mon |le |du |la |aucun )?rembours|(no|nada|aun no|todavia no) (he recibido|me ha llegado|recibi) (el |mi |ningun )?reembols|(keine|noch keine|nicht) (ruck)?erstattung|(rimborso|soldi) non|(nao recebi|ainda nao) (o )?reembolso)',
    ),
  },

  {
    intent: 'refund',
    weight: 4,
    label: 'money not back (es/fr/de/it/pt/nl)',
    re: R(
      '\\b((toujours )?pas (encore )?(ete )?rembours\\w*|(je )?souhaite (etre )?rembours\\w*|geld[^.?!]{0,30}\\b(nicht|noch nicht|immer noch nicht)|dinero[^.?!]{0,30}\\b(no|todavia no|aun no)|soldi[^.?!]{0,30}\\bnon|geld terug|terugbetaling)',
    ),
  },

  // --- cancel ---
  {
    intent: 'cancel',
    weight: 5.5,
    label: 'cancel (es/fr/de/it/pt)',
    re: R(
      '\\b(cancel(ar|a|e|en|em|acion|amento)|anul(ar|e|en|acion)|annul(er|ez|ation|iere|eren)|stornier(en|ung)|storno|annullare|annullate|cancell(are|ate|a))\\b',
    ),
    negatable: true,
  },

  // A cancellation in the past ("je l'avais annulé", "storniert") is context, usually for a money question.
  {
    intent: 'cancel',
    weight: 1.5,
    label: 'cancelled (es/fr/de/it/pt)',
    re: R('\\b(cancelad[oa]|annulee?|storniert|annullat[oa]|cancellat[oa])\\b'),
  },

  // --- address change ---
  {
    intent: 'address_change',
    weight: 4,
    label: 'change the address (es/fr/de/it/pt)',
    re: R(
      '\\b(cambiar (la |mi )?direccion|direccion (incorrecta|equivocada|nueva|mal)|(nueva|otra) direccion|changer (l.|mon |d.)?adresse|(mauvaise|nouvelle|autre) adresse|adresse (incorrecte|erronee|fausse)|adresse (andern|korrigieren|aktualisieren)|(falsche|neue|andere) (adresse|anschrift|lieferadresse)|(cambiare|modificare) (l.)?indirizzo|indirizzo (sbagliato|errato|nuovo)|(mudar|alterar|trocar) (o |a )?(endereco|morada)|endereco (errado|novo|incorreto)|morada (errada|nova)|(modifier|corriger|rectifier) (l.|mon |ma )?adresse|in plaats van (thuis|mijn adres)|ander adres|adres (wijzigen|veranderen|aanpassen)|(afhaalpunt|postnl-punt|pakketpunt)|(erreur|faute) dans (mon |l.)?adresse|falsche (hausnummer|postleitzahl|plz|strasse))\\b',
    ),
  },
  {
    intent: 'address_change',
    weight: 2,
    label: 'address (es/fr/de/it/pt)',
    re: R(
      '\\b(direccion|adresse|anschrift|lieferadresse|hausnummer|postleitzahl|indirizzo|endereco|morada|codigo postal|code postal|cap)\\b',
    ),
  },
];
