import type { Language } from '../language';
import type { Settings } from '../settings';

// The approved replies the automation sends after it has acted, in English and the five languages the
// classifier reads. Each states only what was done (the cancel reply names the refund, restock and
// email choices the call carried) and is sent only after Shopify accepted the mutation. The brand's
// tone settings choose the greeting and sign-off; a language without a template here means the reply
// is drafted for a person instead.

export type ActionReplyKind = 'cancel' | 'return' | 'exchange' | 'address' | 'address_missing';

export interface ActionReplyFacts {
  firstName: string | null;
  orderName: string;
  amount?: string; // "120.00 USD"
  refund?: boolean;
  restock?: boolean;
  notifyCustomer?: boolean;
  items?: string; // "1 × Trail Jacket"
  address?: string;
  missing?: string[]; // address parts, English keys of PART_NAMES
}

type Phrases = {
  hi: (name: string | null, style: Settings['tone']['style']) => string;
  bye: (style: Settings['tone']['style']) => string;
  cancel: (f: ActionReplyFacts) => string[];
  return: (f: ActionReplyFacts) => string[];
  exchange: (f: ActionReplyFacts) => string[];
  address: (f: ActionReplyFacts) => string[];
  address_missing: (f: ActionReplyFacts) => string[];
  parts: Record<string, string>;
};

const list = (items: string[], and: string) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;

const PHRASES: Record<Language, Phrases> = {
  en: {
    hi: (n, s) => (s === 'formal' ? `Dear ${n ?? 'customer'},` : `Hi ${n ?? 'there'},`),
    bye: (s) => (s === 'formal' ? 'Kind regards,' : s === 'concise' ? 'Best,' : 'Warm wishes,'),
    cancel: (f) => [
      `Your order ${f.orderName} is cancelled.`,
      f.refund
        ? `The full payment of ${f.amount} is being refunded to your original payment method; banks usually take 5–10 business days to show it.`
        : 'No refund has been issued for this order.',
      f.notifyCustomer ? 'You will also get a cancellation confirmation by email.' : '',
    ],
    return: (f) => [`Your return for ${f.items} from order ${f.orderName} is open.`, 'We will email you how to send the items back.'],
    exchange: (f) => [
      `Your exchange for order ${f.orderName} is set up: ${f.items}.`,
      'We will ship the replacement once the original item is on its way back to us, and email you how to send it.',
    ],
    address: (f) => [`The shipping address of order ${f.orderName} is now:`, f.address ?? ''],
    address_missing: (f) => [
      `We can still change the address of order ${f.orderName}, but we need the complete new address.`,
      `Could you reply with the ${list(f.missing ?? [], 'and')}?`,
    ],
    parts: {
      street: 'street and house number',
      city: 'city',
      'state or province': 'state or province',
      'postal code': 'postal code',
      country: 'country',
    },
  },
  es: {
    hi: (n, s) => (s === 'formal' ? `Estimado/a ${n ?? 'cliente'}:` : `Hola ${n ?? ''}`.trim() + ','),
    bye: (s) => (s === 'formal' ? 'Atentamente,' : 'Un saludo,'),
    cancel: (f) => [
      `Tu pedido ${f.orderName} está cancelado.`,
      f.refund
        ? `Estamos reembolsando el importe completo de ${f.amount} a tu método de pago original; el banco suele tardar de 5 a 10 días hábiles en mostrarlo.`
        : 'No se ha emitido ningún reembolso para este pedido.',
      f.notifyCustomer ? 'También recibirás una confirmación de la cancelación por correo electrónico.' : '',
    ],
    return: (f) => [
      `Tu devolución de ${f.items} del pedido ${f.orderName} está abierta.`,
      'Te enviaremos por correo electrónico cómo devolvernos los artículos.',
    ],
    exchange: (f) => [
      `Tu cambio del pedido ${f.orderName} está preparado: ${f.items}.`,
      'Enviaremos el artículo nuevo cuando el original esté de camino hacia nosotros, y te explicaremos por correo cómo enviarlo.',
    ],
    address: (f) => [`La dirección de envío del pedido ${f.orderName} es ahora:`, f.address ?? ''],
    address_missing: (f) => [
      `Todavía podemos cambiar la dirección del pedido ${f.orderName}, pero necesitamos la dirección nueva completa.`,
      `¿Podrías respondernos con ${list(f.missing ?? [], 'y')}?`,
    ],
    parts: {
      street: 'la calle y el número',
      city: 'la ciudad',
      'state or province': 'el estado o la provincia',
      'postal code': 'el código postal',
      country: 'el país',
    },
  },
  fr: {
    hi: (n, s) => (s === 'formal' ? `Madame, Monsieur${n ? ` ${n}` : ''},` : `Bonjour ${n ?? ''}`.trim() + ','),
    bye: (s) => (s === 'formal' ? 'Veuillez agréer nos salutations distinguées,' : 'Bien à vous,'),
    cancel: (f) => [
      `Votre commande ${f.orderName} est annulée.`,
      f.refund
        ? `Le montant total de ${f.amount} est remboursé sur votre moyen de paiement d'origine ; la banque met généralement 5 à 10 jours ouvrés à l'afficher.`
        : "Aucun remboursement n'a été effectué pour cette commande.",
      f.notifyCustomer ? "Vous recevrez aussi une confirmation d'annulation par e-mail." : '',
    ],
    return: (f) => [
      `Votre retour de ${f.items} de la commande ${f.orderName} est ouvert.`,
      'Nous vous enverrons par e-mail la marche à suivre pour renvoyer les articles.',
    ],
    exchange: (f) => [
      `Votre échange pour la commande ${f.orderName} est prêt : ${f.items}.`,
      "Nous expédierons le nouvel article dès que l'original sera en route vers nous, et nous vous indiquerons par e-mail comment le renvoyer.",
    ],
    address: (f) => [`L'adresse de livraison de la commande ${f.orderName} est désormais :`, f.address ?? ''],
    address_missing: (f) => [
      `Nous pouvons encore modifier l'adresse de la commande ${f.orderName}, mais il nous faut la nouvelle adresse complète.`,
      `Pourriez-vous nous indiquer ${list(f.missing ?? [], 'et')} ?`,
    ],
    parts: {
      street: 'la rue et le numéro',
      city: 'la ville',
      'state or province': "l'état ou la province",
      'postal code': 'le code postal',
      country: 'le pays',
    },
  },
  de: {
    hi: (n, s) => (s === 'formal' ? `Sehr geehrte/r ${n ?? 'Kundin, sehr geehrter Kunde'},` : `Hallo ${n ?? ''}`.trim() + ','),
    bye: (s) => (s === 'formal' ? 'Mit freundlichen Grüßen' : 'Viele Grüße'),
    cancel: (f) => [
      `Ihre Bestellung ${f.orderName} ist storniert.`,
      f.refund
        ? `Der volle Betrag von ${f.amount} wird auf Ihr ursprüngliches Zahlungsmittel erstattet; die Bank zeigt ihn meist nach 5–10 Werktagen an.`
        : 'Für diese Bestellung wurde keine Erstattung veranlasst.',
      f.notifyCustomer ? 'Sie erhalten außerdem eine Stornobestätigung per E-Mail.' : '',
    ],
    return: (f) => [
      `Ihre Rücksendung für ${f.items} aus Bestellung ${f.orderName} ist angelegt.`,
      'Wir schicken Ihnen per E-Mail, wie Sie die Artikel zurücksenden.',
    ],
    exchange: (f) => [
      `Ihr Umtausch für Bestellung ${f.orderName} ist angelegt: ${f.items}.`,
      'Wir versenden den Ersatz, sobald der Originalartikel auf dem Rückweg ist, und schicken Ihnen per E-Mail, wie Sie ihn zurücksenden.',
    ],
    address: (f) => [`Die Lieferadresse von Bestellung ${f.orderName} lautet jetzt:`, f.address ?? ''],
    address_missing: (f) => [
      `Wir können die Adresse von Bestellung ${f.orderName} noch ändern, brauchen aber die vollständige neue Adresse.`,
      `Können Sie uns ${list(f.missing ?? [], 'und')} schicken?`,
    ],
    parts: {
      street: 'Straße und Hausnummer',
      city: 'den Ort',
      'state or province': 'das Bundesland',
      'postal code': 'die Postleitzahl',
      country: 'das Land',
    },
  },
  it: {
    hi: (n, s) => (s === 'formal' ? `Gentile ${n ?? 'cliente'},` : `Ciao ${n ?? ''}`.trim() + ','),
    bye: (s) => (s === 'formal' ? 'Cordiali saluti,' : 'A presto,'),
    cancel: (f) => [
      `Il tuo ordine ${f.orderName} è annullato.`,
      f.refund
        ? `Stiamo rimborsando l'intero importo di ${f.amount} sul metodo di pagamento originale; di solito la banca lo mostra in 5–10 giorni lavorativi.`
        : 'Per questo ordine non è stato emesso alcun rimborso.',
      f.notifyCustomer ? "Riceverai anche una conferma dell'annullamento via e-mail." : '',
    ],
    return: (f) => [
      `Il tuo reso di ${f.items} dell'ordine ${f.orderName} è aperto.`,
      'Ti invieremo via e-mail come rispedirci gli articoli.',
    ],
    exchange: (f) => [
      `Il tuo cambio per l'ordine ${f.orderName} è pronto: ${f.items}.`,
      "Spediremo il nuovo articolo appena l'originale sarà in viaggio verso di noi, e ti spiegheremo via e-mail come rispedirlo.",
    ],
    address: (f) => [`L'indirizzo di spedizione dell'ordine ${f.orderName} ora è:`, f.address ?? ''],
    address_missing: (f) => [
      `Possiamo ancora cambiare l'indirizzo dell'ordine ${f.orderName}, ma ci serve il nuovo indirizzo completo.`,
      `Puoi risponderci con ${list(f.missing ?? [], 'e')}?`,
    ],
    parts: {
      street: 'via e numero civico',
      city: 'la città',
      'state or province': 'la provincia',
      'postal code': 'il CAP',
      country: 'il paese',
    },
  },
  pt: {
    hi: (n, s) => (s === 'formal' ? `Caro(a) ${n ?? 'cliente'},` : `Olá ${n ?? ''}`.trim() + ','),
    bye: (s) => (s === 'formal' ? 'Com os melhores cumprimentos,' : 'Um abraço,'),
    cancel: (f) => [
      `A sua encomenda ${f.orderName} está cancelada.`,
      f.refund
        ? `O valor total de ${f.amount} está a ser reembolsado no seu método de pagamento original; o banco costuma demorar 5 a 10 dias úteis a mostrá-lo.`
        : 'Não foi emitido nenhum reembolso para esta encomenda.',
      f.notifyCustomer ? 'Vai também receber uma confirmação do cancelamento por e-mail.' : '',
    ],
    return: (f) => [
      `A sua devolução de ${f.items} da encomenda ${f.orderName} está aberta.`,
      'Vamos enviar-lhe por e-mail como devolver os artigos.',
    ],
    exchange: (f) => [
      `A sua troca da encomenda ${f.orderName} está preparada: ${f.items}.`,
      'Enviamos o novo artigo assim que o original estiver a caminho de nós, e explicamos por e-mail como o devolver.',
    ],
    address: (f) => [`A morada de envio da encomenda ${f.orderName} é agora:`, f.address ?? ''],
    address_missing: (f) => [
      `Ainda podemos alterar a morada da encomenda ${f.orderName}, mas precisamos da nova morada completa.`,
      `Pode responder-nos com ${list(f.missing ?? [], 'e')}?`,
    ],
    parts: {
      street: 'a rua e o número',
      city: 'a cidade',
      'state or province': 'o distrito ou estado',
      'postal code': 'o código postal',
      country: 'o país',
    },
  },
};

/** The approved reply in the customer's language, or null when there is none (a person drafts it). */
export function actionReply(
  kind: ActionReplyKind,
  language: Language | 'unknown',
  facts: ActionReplyFacts,
  tone: Settings['tone'],
): string | null {
  if (language === 'unknown') return null;
  const p = PHRASES[language];
  const f = { ...facts, missing: facts.missing?.map((m) => p.parts[m] ?? m) };
  const body = p[kind](f).filter(Boolean);
  return [
    p.hi(facts.firstName, tone.style),
    '',
    body.join(kind === 'address' ? '\n' : ' '),
    '',
    p.bye(tone.style),
    tone.agentSignature,
  ].join('\n');
}

export const ACTION_REPLY_LANGUAGES = Object.keys(PHRASES) as Language[];
