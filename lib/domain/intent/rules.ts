import type { Intent } from '../types';

// Weighted cues per intent, over normalised text (lower case, straight apostrophes). Cues are
// stems and short phrases, typo-tolerant where customers commonly slip (recieve, cancle, wheres),
// never whole memorised sentences. Higher weights win mixed messages: a broken item beats the
// refund it asks for; a cancellation beats the return it mentions as a fallback.

export interface Cue {
  intent: Intent;
  weight: number;
  re: RegExp;
  label: string;
  negatable?: boolean; // "I don't want to cancel" must not count as cancel
}

const R = (s: string) => new RegExp(s, 'i');

const ITEM = "(order|orders|ordr|oder|package|packages|pakage|pacakge|packge|parcel|parcels|parcle|packet|shipment|delivery|stuff|item|items|purchase|box|jacket|shoes|boots|things?)";
const RECEIVE = '(receive[d]?|recieve[d]?|recive[d]?|get|got|gotten|see|seen|find|found)';

export const CUES: Cue[] = [
  // --- where is my order ---
  { intent: 'wismo', weight: 3, label: 'where is my order', re: R(`\\b(where'?s|where is|wheres|were is|where are|whr is|wher is)( my| the| our)? ${ITEM}`) },
  { intent: 'wismo', weight: 2, label: 'asks where it is', re: R(`\\b((where'?s|where is|wheres|where are) (it|they|this|that)|where (it|they) (is|are|went)|where (my|the|our) ${ITEM} (is|are|went)|location of (my|the) (order|package|parcel))\\b`) },
  { intent: 'wismo', weight: 2.5, label: 'tracking', re: R('\\b(track|tracking|trackin|trakcing|traking|tracker|tracking (number|link|info|code))\\b') },
  { intent: 'wismo', weight: 3, label: 'status of the order', re: R(`\\b(status|update|updates|news|eta|estimate)( on| of| for| about)?( my| the)? ${ITEM}`) },
  { intent: 'wismo', weight: 2.5, label: 'when will it arrive', re: R("\\bwhen (will|is|does|should|can|do|would|am|'?ll) (i|my|the|it|this|they|we|order|package|parcel)\\b[^.?!]{0,40}\\b(arrive|arriving|ship|shipped|shipping|deliver|delivered|delivery|get here|be here|come|coming|receive|recieve|get it|dispatch)") },
  { intent: 'wismo', weight: 2.5, label: 'has it shipped', re: R(`\\b(has|have|did|was|is) (my |the |our )?(${ITEM}|it|they) (been |even |actually )?(ship(ped)?|sent|dispatched|left|posted|mailed|gone out)`) },
  { intent: 'wismo', weight: 2, label: 'not arrived yet', re: R("\\b(hasn'?t|has not|haven'?t|have not|not|still not|still hasn'?t|didn'?t|did not|yet to) (arrived?|come|shipped|been (shipped|sent|dispatched))( yet)?\\b") },
  { intent: 'wismo', weight: 2, label: 'no movement', re: R("\\b(stuck|no movement|not moved|hasn'?t moved|not updated|no update|no updates|hasn'?t updated|same (status|place|location)|in transit for|label created)\\b") },
  { intent: 'wismo', weight: 1.5, label: 'still waiting', re: R('\\b(still waiting|waiting for|been waiting|waited|taking (so )?long|so long|how long|any (news|update)|running late|late|delayed|delay)\\b') },
  { intent: 'wismo', weight: 2, label: 'shipping status', re: R('\\b(shipping|delivery|shipment|dispatch) (status|update|confirmation|time|date|estimate)\\b') },
  { intent: 'wismo', weight: 3, label: 'where is my order (es/fr/de/it/pt)', re: R("\\b(d[oó]nde est[aá]|no ha llegado|seguimiento|o[uù] (est|en est) ma commande|suivi (de )?(ma )?commande|pas encore (re[cç]u|arriv[ée])|wo (ist|bleibt) meine|sendungsverfolgung|noch nicht (angekommen|da)|dov'?[eè] il mio ordine|onde est[aá] (o )?meu pedido)") },

  // --- delivered but not received ---
  { intent: 'not_received', weight: 4, label: 'says delivered', re: R("\\b(says|said|shows|showed|showing|marked|states|stated|listed|updated|tracking says|claims|confirmed)( it| that it| as| it was| it has been| it'?s| that)?( been)? (delivered|deliverd|delivred)\\b") },
  { intent: 'not_received', weight: 3.5, label: 'never received', re: R(`\\b(never|didn'?t|did not|didnt|never actually) (even )?${RECEIVE}\\b`) },
  // "Haven't received it yet" is usually a parcel still on its way; with a delivered order it leans not_received.
  { intent: 'wismo', weight: 2.5, label: "hasn't arrived yet", re: R(`\\b(haven'?t|have not|havent|not yet|still not|still haven'?t|hasn'?t|has not|not) (yet )?(${RECEIVE}|arrived)\\b`) },
  { intent: 'not_received', weight: 1.5, label: 'not received', re: R(`\\b(haven'?t|have not|havent|still haven'?t|not) (yet )?${RECEIVE}\\b`) },
  { intent: 'not_received', weight: 3, label: 'package missing or stolen', re: R("\\b(stolen|stole|missing (package|parcel|order|delivery)|(package|parcel|order|box) (is |was |went )?(missing|lost|gone|nowhere)|lost in (the )?(mail|post|transit)|porch pirate|not at my (door|house|address|doorstep)|wrong (house|door|address|neighbou?r)|left (it )?(at|with) (the )?wrong|nowhere to be (found|seen)|no package)\\b") },
  { intent: 'not_received', weight: 3, label: 'delivered but not here', re: R("\\bdelivered\\b[^.?!]{0,60}\\b(but|not|no|never|nothing|isn'?t|wasn'?t|can'?t)\\b") },
  { intent: 'not_received', weight: 3, label: 'not received (es/fr/de)', re: R('\\b(no (lo )?(he )?recibido|nunca lleg[oó]|pas re[cç]u|jamais re[cç]u|nicht (erhalten|bekommen)|nie angekommen|non (l.)?ho ricevuto)') },

  // --- damaged, defective or wrong item ---
  { intent: 'damaged', weight: 4, label: 'arrived damaged', re: R('\\b(arrived|came|delivered|showed up|turned up|was|is|it\'?s|got it|received it|opened it)( all| completely| totally)? (damaged|broken|cracked|smashed|torn|ripped|dented|crushed|shattered|bent|wet|soaked|destroyed|in pieces|scratched|stained|dirty|leaking|used)') },
  { intent: 'damaged', weight: 3, label: 'damaged or defective', re: R("\\b(damaged|damage|broken|broke|cracked|crack|smashed|torn|ripped|rip|dented|shattered|leaking|leaked|leak|defective|defect|faulty|malfunction\\w*|stopped working|doesn'?t work|does not work|don'?t work|won'?t (turn on|charge|work|zip|close)|not working|fell apart|falling apart|came apart|hole in|holes in|stain|stains|scratches|scratched|mold|moldy)\\b"), negatable: true },
  { intent: 'damaged', weight: 3, label: 'wrong or missing item', re: R("\\b(wrong (item|size|colou?r|product|order|one|thing|model|shoes|jacket)|not what i ordered|isn'?t what i ordered|sent (me )?the wrong|received the wrong|got the wrong|missing (a |an |one |the )?(part|piece|pieces|item|items|strap|lid|screws?|parts)|(item|items|piece|part) (is |are |was |were )?missing|only (got|received) (one|1|part))\\b") },
  { intent: 'damaged', weight: 3, label: 'damaged (es/fr/de)', re: R('\\b(roto|rota|dañad[oa]|defectuos[oa]|cass[ée]e?|ab[iî]m[ée]e?|endommag[ée]e?|d[ée]fectueu(x|se)|kaputt|besch[aä]digt|defekt|rotto|danneggiat[oa])\\b') },

  // --- return or exchange ---
  { intent: 'return_exchange', weight: 3, label: 'return it', re: R("\\b(return|returning|returned|retrun|retun|send (it|this|them|these|the \\w+) back|ship (it|this|them) back|mail (it|them) back|take (it|them) back|give (it|them) back|rma)\\b(?! to sender)"), negatable: true },
  { intent: 'return_exchange', weight: 3.5, label: 'exchange', re: R('\\b(exchange|exchanging|swap|swapping|switch (it|them|to)|trade (it|them)? ?(in|for)|replace (it|them) with)\\b'), negatable: true },
  { intent: 'return_exchange', weight: 3, label: 'fit or size', re: R("\\b(too (small|big|large|tight|loose|short|long|narrow|wide)|doesn'?t fit|didn'?t fit|does not fit|don'?t fit|not fit|runs? (small|large|big)|size (up|down)|(a|one) size (up|down|bigger|smaller)|(bigger|smaller|larger|different) (size|colou?r|one)|in (a )?size \\w+)\\b") },
  { intent: 'return_exchange', weight: 2.5, label: 'return label or policy', re: R('\\b(return (label|policy|window|process|shipping|slip|form|request|address)|prepaid label|shipping label to return|store credit)\\b') },
  { intent: 'return_exchange', weight: 3, label: 'return (es/fr/de)', re: R('\\b(devolver|devoluci[oó]n|cambiar (la |de )?talla|cambio de talla|retourner|retour|[ée]changer|[ée]change|zur[uü]ck(senden|schicken|geben)|r[uü]cksendung|umtausch(en)?|restituire|reso)\\b'), negatable: true },
  { intent: 'return_exchange', weight: 1.5, label: "doesn't suit", re: R("\\b(don'?t like|didn'?t like|not happy with (the )?(fit|colou?r|size|quality|look)|looks different|not as (pictured|described)|changed my mind about|not for me)\\b") },

  // --- refund ---
  { intent: 'refund', weight: 3, label: 'refund', re: R('\\b(refund|refunds|refunded|refunding|refnd|refud|reimburse\\w*|money back|my money|full amount back|chargeback|charge back|dispute)\\b'), negatable: true },
  { intent: 'refund', weight: 3, label: 'billing problem', re: R('\\b(charged twice|double charged|charged me twice|overcharged|over charged|billed twice|duplicate charge|wrong amount|charged (the )?wrong|unauthori[sz]ed charge|credit (it )?back|credited back|still charged|charged (again|for))\\b') },
  { intent: 'refund', weight: 3, label: 'refund (es/fr/de)', re: R('\\b(reembolso|reembolsar|devolu[cç][aã]o do dinheiro|rembours\\w*|r[uü]ckerstattung|geld zur[uü]ck|erstatten|rimborso)\\b'), negatable: true },

  // --- cancel ---
  { intent: 'cancel', weight: 4, label: 'cancel', re: R('\\b(cancel|cancle|cancell?ed|cancell?ing|cancell?ation|cancelation|cancl|canel|cancer my order)\\b'), negatable: true },
  { intent: 'cancel', weight: 3, label: 'stop the order', re: R("\\b(stop (the|my|this) (order|shipment)|call off|void (the|my) order|don'?t ship|do not ship|don'?t send|do not send|hold off on shipping|ordered (it )?(by mistake|twice|accidentally|the wrong)|accidentally ordered|duplicate order|placed (it|the order) twice|no longer (want|need)|don'?t (want|need) (it|the order|this order|them) (anymore|any more)|changed my mind)\\b") },
  { intent: 'cancel', weight: 4, label: 'cancel (es/fr/de)', re: R('\\b(cancelar|anular (el|mi) pedido|annuler|annulation|stornieren|stornierung|storno|annullare|cancella)\\b'), negatable: true },

  // --- address change ---
  { intent: 'address_change', weight: 4, label: 'change the address', re: R("\\b(change|changing|update|updating|correct|correcting|fix|fixing|edit|amend|modify|wrong|typo in|typo on|mistake in|mistake on|misspelled|incorrect|old|new|different|entered the wrong|put the wrong|used my old)( my| the| our| a)?( shipping| delivery| postal| mailing| street| home)? (address|adress|addres|addy|zip|zip code|zipcode|postcode|postal code|post code|apartment number|apt number|unit number|house number|suite)\\b") },
  { intent: 'address_change', weight: 3, label: 'ship somewhere else', re: R("\\b(ship|send|deliver|redirect|reroute|re-route) (it |them |the order |my order |the package )?(to )?(a |my )?(different|new|another|other|work|office|parents'?|mom'?s|friend'?s|neighbou?r'?s) (address|place|location|house|home|office)\\b") },
  { intent: 'address_change', weight: 3, label: 'address (es/fr/de)', re: R("\\b(cambiar (la |mi )?direcci[oó]n|direcci[oó]n (incorrecta|equivocada)|changer (l'|mon |d')?adresse|adresse (incorrecte|erron[ée]e)|adresse [aä]ndern|falsche adresse|cambiare (l')?indirizzo)") },
  { intent: 'address_change', weight: 1.5, label: 'moved', re: R("\\b(i moved|i'?m moving|we moved|we'?re moving|just moved|relocated|i won'?t be (home|there)|not (be )?home)\\b") },

  // --- other: questions that are not about an existing order's problem ---
  { intent: 'other', weight: 2, label: 'product or store question', re: R("\\b(discount|coupon|promo code|promo|voucher|code didn'?t work|sale|restock|back in stock|in stock|pre-?order|size (guide|chart)|which size|what size|sizing|do you (sell|ship|have|make|carry|offer)|wholesale|collab\\w*|partnership|influencer|gift card|gift wrap|warranty|care instructions|how (do i|to) (wash|clean|care)|material|made of|ingredients|newsletter|unsubscribe|subscription|account|password|log ?in|loyalty|points|rewards|job|hiring|store hours|retail store|press)\\b") },
  { intent: 'other', weight: 1.5, label: 'thanks or praise', re: R("\\b(thank you so much|thanks so much|love (it|them|the)|great service|amazing|arrived (safely|today|yesterday|fine|perfectly)|got it today|received it today|just wanted to say)\\b") },
];

/** A cue is negated when a negation sits just before it: "I don't want to cancel". */
export const NEGATION_BEFORE = /\b(don'?t|do not|dont|doesn'?t|didn'?t|did not|not|never|no need to|no longer|without|isn'?t|wasn'?t|nothing)\b(?:\s+\S+){0,3}\s*$/i;

/** Gorgias's own intents, as a mild extra signal. */
export const GORGIAS_INTENT_MAP: Record<string, Intent> = {
  'shipping/status': 'wismo',
  'shipping/delivery-issue': 'not_received',
  'shipping/change': 'address_change',
  'order/cancel': 'cancel',
  'order/damaged': 'damaged',
  'order/wrong': 'damaged',
  'order/change': 'address_change',
  'refund/request': 'refund',
  'refund/status': 'refund',
  'return/request': 'return_exchange',
  'return/status': 'return_exchange',
  'exchange/request': 'return_exchange',
  'exchange/status': 'return_exchange',
  'product/question': 'other',
  'discount/request': 'other',
  'other/thanks': 'other',
  'other/question': 'other',
};
