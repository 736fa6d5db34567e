import type { Intent } from '../types';

// Weighted cues per intent, over normalised text (lower case, straight apostrophes, accents folded). Cues are
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

// Text is lower-cased before matching, so no 'i' flag: case-insensitive matching is markedly slower.
const R = (s: string) => new RegExp(s);

const ITEM =
  '(order|orders|ordr|oder|package|packages|pakage|pacakge|packge|parcel|parcels|parcle|packet|shipment|delivery|stuff|item|items|purchase|box|jacket|shoes|boots|things?)';
const RECEIVE = '(receive[d]?|recieve[d]?|recive[d]?|get|got|gotten|see|seen|find|found)';

// Things customers cancel that are not an order (typos and short forms included): "cancel my acct",
// "cancel subscripton", "the auto renewal", "the recurring delivery", "future shipments".
const NOT_ORDER_MODIFIERS =
  '(?: (?:my|the|your|this|our|an?|all|monthly|annual|yearly|weekly|coffee|skincare|recipe|text|email|sms|marketing|auto|refill|box|rewards|loyalty|vip|premium|newsletter|customer|online))*';
const NOT_ORDER_NOUN =
  '(?:newsletters?|newslet\\w*|subscr\\w*|subsc\\w*|subscription box|membership|memb\\w*|account|acct|acount|accnt|auto[- ]?renew\\w*|renewals?|autoship|auto-ship|mailing list|texts?|text alerts|emails|sms|marketing|plan|club|rewards program|rewards|box|boxes|signup|sign-up|recurring (?:orders?|deliver\\w*|shipments?|box\\w*|charges?|payments?)|future (?:orders|deliveries|shipments|boxes)|repeat deliver\\w*|standing order)\\b(?!(?: renewal| refill| box)? orders?\\b)';
// What follows "cancel" when it is not an order: "cancel my newsletter / subscription / account" is "other".
// A subscription *order* that was already placed ("cancel the subscription order from today") is still an order.
const NOT_AN_ORDER = `(?!${NOT_ORDER_MODIFIERS}(?: \\w+)? ${NOT_ORDER_NOUN})`;

export const CUES: Cue[] = [
  // --- where is my order ---
  {
    intent: 'wismo',
    weight: 3,
    label: 'where is my order',
    re: R(`\\b(where'?s|where is|wheres|were is|where are|whr is|wher is)( my| the| our)? ${ITEM}`),
  },
  {
    intent: 'wismo',
    weight: 2,
    label: 'asks where it is',
    re: R(
      `\\b((where'?s|where is|wheres|where are) (it|they|this|that)|where (it|they) (is|are|went)|where (my|the|our) ${ITEM} (is|are|went)|location of (my|the) (order|package|parcel))\\b`,
    ),
  },
  {
    intent: 'wismo',
    weight: 2.5,
    label: 'tracking',
    re: R('\\b(track|tracking|trackin|trakcing|traking|tracker|tracking (number|link|info|code))\\b'),
  },
  {
    intent: 'wismo',
    weight: 3,
    label: 'status of the order',
    re: R(
      `\\b(status|update|updates|news|eta|estimate)( on| of| for| about)?( my| the)? ${ITEM}|\\b${ITEM} (status|update)\\b|\\bstatus (please|pls|plz|\\?)`,
    ),
  },
  {
    intent: 'wismo',
    weight: 2.5,
    label: 'when will it arrive',
    re: R(
      "\\bwhen (will|is|does|should|can|do|would|am|'?ll|might|are) (i|my|the|it|this|they|we|you|order|package|parcel|\\w+ \\d+)\\b[^.?!]{0,40}\\b(arrive|arriving|ship|shipped|shipping|deliver|delivered|delivery|get here|be here|come|coming|receive|recieve|get it|dispatch|go out|send)",
    ),
  },
  {
    intent: 'wismo',
    weight: 2.5,
    label: 'has it shipped',
    re: R(
      `\\b(has|have|did|was|is|if) (my |the |our |this )?(${ITEM}|it|they|\\w+) (been |even |actually |already )?(ship(ped)?|sent|dispatched|left|posted|mailed|gone out|picked up)|\\b(did|has|have) (my |the )?\\w+ (ship|shipped)\\b`,
    ),
  },
  {
    intent: 'wismo',
    weight: 2.5,
    label: 'on its way',
    re: R(
      "\\b(on (its|it's|the|their) way|left the (warehouse|building|facility)|in the mail yet|out for delivery|arrive (in time|before|by)|(be )?here (in time|before|by)|in time for|rough (estimate|eta|idea)|when to expect|expect (it|delivery|my order))\\b",
    ),
  },
  {
    intent: 'wismo',
    weight: 2,
    label: 'not arrived yet',
    re: R(
      "\\b(hasn'?t|has not|haven'?t|have not|not|still not|still hasn'?t|didn'?t|did not|yet to|stil not|still no) (arrived?|come|shipped|shiped|been (shipped|sent|dispatched)|moved|heard)( yet)?\\b|\\b(hasn'?t|has not|why hasn'?t) (this|it|my order|the order|my package) (moved|shipped|updated)\\b",
    ),
  },
  {
    intent: 'wismo',
    weight: 2,
    label: 'no movement',
    re: R(
      "\\b(stuck|no movement|not moved|hasn'?t moved|not updated|no update|no updates|hasn'?t updated|same (status|place|location)|in transit|label created|no scans?|information received|(still|sitting|says|shows) (on |as )?'?(processing|unfulfilled|pending)|unfulfilled|not (been )?(fulfilled|dispatched|shipped))\\b",
    ),
  },
  {
    intent: 'wismo',
    weight: 1.5,
    label: 'still waiting',
    re: R(
      "\\b(still waiting|waiting (for|on)|been waiting|waited|taking (so )?long|so long|how long|any (news|update|idea)|running late|late|delayed|delay|(weeks?|days?|wks) (and|&) nothing|nothing yet|still nothing|how much longer|been ages|expected delivery|when can i expect|no (shipping |dispatch )?(confirmation|email|notification)|haven'?t heard|no word)\\b",
    ),
  },
  {
    intent: 'wismo',
    weight: 2,
    label: 'shipping status',
    re: R('\\b(shipping|delivery|shipment|dispatch) (status|update|confirmation|time|date|estimate|email)\\b'),
  },
  {
    intent: 'wismo',
    weight: 3,
    label: 'delivery date or appointment',
    re: R(
      '\\b(supposed to|should have|was due to|meant to|expected to|promised to) (be |have been |have )?(delivered|arrive|arrived|ship|shipped|here)|\\b(schedul\\w*|book|booked|set up|arrange) (a |the |my )?(delivery|appointment|date)|delivery (appointment|window|slot|date)|no one has (called|contacted|emailed)|make it (in time|by)|what date\\b',
    ),
  },
  {
    intent: 'wismo',
    weight: 3,
    label: 'eta, held or not sent yet',
    re: R(
      "\\b(any eta|eta\\?|what'?s the eta|not yet (sent|shipped|dispatched|arrived)|held at (the )?(depot|customs|border|sorting|hub)|(stuck|held|sitting) (in|at) customs|awaiting further information|gone out yet)\\b",
    ),
  },
  {
    intent: 'wismo',
    weight: 1,
    label: 'shipping words',
    re: R(
      '\\b(ship|ships|shipped|shipping|dispatch(ed)?|arrive|arrives|arrival|courier|carrier|usps|ups|fedex|dhl|royal mail|canada post|postal service|preorders?)\\b',
    ),
  },

  // --- delivered but not received ---
  {
    intent: 'not_received',
    weight: 4,
    label: 'says delivered',
    re: R(
      "\\b(says|said|shows|showed|showing|marked|states|stated|listed|updated|tracking says|claims|claimed|confirmed|has it as|have it as|status is|says it was|says it'?s)( it| that it| as| it was| it has been| it'?s| that| the (parcel|package|order) (was|is))?( been)?:? '?(delivered|deliverd|delivred)\\b|\\b(marked|marking) (it |the \\w+ )?(as )?delivered\\b",
    ),
  },
  {
    intent: 'not_received',
    weight: 3.5,
    label: 'never received',
    re: R(
      `\\b(never|didn'?t|did not|didnt|never actually) (even )?${RECEIVE}\\b|\\bnever (showed up|arrived|came|turned up|got here|made it)\\b`,
    ),
  },
  // "Haven't received it yet" is usually a parcel still on its way; with a delivered order it leans not_received.
  {
    intent: 'wismo',
    weight: 2.5,
    label: "hasn't arrived yet",
    re: R(`\\b(haven'?t|have not|havent|not yet|still not|still haven'?t|hasn'?t|has not|not) (yet )?(${RECEIVE}|arrived)\\b`),
  },
  {
    intent: 'not_received',
    weight: 1.5,
    label: 'not received',
    re: R(`\\b(haven'?t|have not|havent|still haven'?t|not) (yet )?${RECEIVE}\\b`),
  },
  {
    intent: 'not_received',
    weight: 3,
    label: 'package missing or stolen',
    re: R(
      "\\b(stolen|stole|someone took|took my (package|parcel)|missing (package|parcel|order|delivery)|(package|parcel|order|box|deliveries) (is |was |are |went |have been |been )?(going )?(missing|lost|gone|nowhere)|lost in (the )?(mail|post|transit)|porch pirates?|not at my (door|house|address|doorstep)|wrong (house|door|address|neighbou?r|building|flat|apartment|unit)|(someone else'?s|another) (house|door|address|porch|building)|(a|the) (house|door|building) (that isn'?t|that is not|down the|across|which isn'?t)|left (it )?(at|with|outside) (the |a )?(wrong|neighbou?r|someone)|nowhere to be (found|seen)|no package|(mailbox|letterbox|porch|doorstep|locker) (is |was )?empty|(empty|nothing in the) (mailbox|letterbox|box)|disposed of|delivery photo|photo (shows|of)|proof of delivery|gps|handed (it )?(to me|over)|signed for|nobody (knocked|was home)|checked with (the |my )?(neighbou?rs?|concierge|building|front desk|post office|mail ?room)|can'?t find (it|the (package|parcel|box)|my (package|parcel|order))|no sign of (it|the|my)|vanished|disappeared|nothing (was )?there|(it'?s|it is|it was|was) not there|(isn'?t|wasn'?t) there|safe place|(signature|signed)[^.?!]{0,20}(isn'?t|is not|was not|wasn'?t) (mine|me)|not (in|at) (my|the) (mailbox|letterbox|door|porch|building|lobby|mail ?room))\\b",
    ),
  },
  {
    intent: 'not_received',
    weight: 3,
    label: 'delivered but not here',
    re: R(
      "\\bdelivered\\b[^.?!]{0,60}\\b(but|not|no|never|nothing|isn'?t|wasn'?t|can'?t|empty)\\b|\\b(was|been|got|it) delivered (to|at) (the wrong|my old|another|someone|a different)\\b|\\bdelivered to [^.?!]{1,40}\\binstead of\\b|\\bdelivered\\b[^?!]{0,40}\\b(it was not|it wasn'?t|not here|nothing here|i never)\\b",
    ),
  },

  {
    intent: 'not_received',
    weight: 4,
    label: 'carrier says it was delivered',
    re: R(
      "\\b(says|shows|showed|said|indicates|claims|claimed|states|according to|confirms)\\b[^.?!]{0,40}\\b(was |been |got |it'?s )?(delivered|handed (to|over)|left (at|with|in|on)|dropped off|put in)\\b",
    ),
  },
  {
    intent: 'not_received',
    weight: 4,
    label: 'lost or taken',
    re: R(
      "\\b((considered|declared|officially|presumed) lost|can'?t (locate|find) (it|the (package|parcel|shipment))|broken into|break-?in|(was|were|got) (taken|swiped|nicked)|taken from (my|the|our))\\b",
    ),
  },
  {
    intent: 'not_received',
    weight: 5,
    label: 'delivered to the wrong place',
    re: R(
      '\\b(delivered|dropped( it)? off|dropped|left|leaving) (it |the \\w+ |my \\w+ )?(to|at|with|outside|on) (the wrong|a wrong|my old|an old|someone|another|a different|a house|the house|a neighbou?r|the neighbou?rs?)\\b',
    ),
  },
  {
    intent: 'not_received',
    weight: 5,
    label: 'lost by the carrier',
    re: R(
      '\\b((lost|disposed of|destroyed|damaged) (in transit|by the (carrier|courier))[^.?!]{0,30}(lost|disposed|never|not coming)|lost in transit|disposed of|never coming|(declared|marked|listed) (as )?lost)\\b',
    ),
  },
  {
    intent: 'not_received',
    weight: 4,
    label: 'tracking says delivered',
    re: R(
      "\\btracking:? \\W*delivered|\\b(mailbox|letterbox|doorstep|porch|locker):? (is |was )?(literally |completely |totally )?empty|\\b(gave|given|give|left|handed)[^.?!]{0,30}\\b(reception|concierge|front desk|mail ?room|neighbou?r)[^.?!]{0,50}\\b(nobody|no one|noone|not there|doesn'?t have|don'?t have|never got)",
    ),
  },

  // --- damaged, defective or wrong item ---
  {
    intent: 'damaged',
    weight: 4,
    label: 'arrived damaged',
    re: R(
      "\\b(arrived|came|delivered|showed up|turned up|was|is|it'?s|got it|received it|opened it|are|were)( all| completely| totally| badly)? (damaged|broken|cracked|smashed|torn|ripped|dented|crushed|shattered|bent|wet|soaked|soaking wet|destroyed|in pieces|scratched|stained|dirty|leaking|used|chipped|ruined|mildewy|moldy|faded)",
    ),
  },
  {
    intent: 'damaged',
    weight: 3.5,
    label: 'damaged or defective',
    re: R(
      "\\b(damaged|damage|broken(?! into)|broke(?! into)|cracked|cracking|crack|smashed|torn|tore|ripped|rip|dented|shattered|leaking|leaked|leak|defective|defect|faulty|malfunction\\w*|stopped working|doesn'?t work|does not work|don'?t work|won'?t (turn on|charge|work|zip|close|light|stay)|not working|fell apart|falling apart|came apart|hole in|holes in|stain|stains|stained|scratches|scratched|mold|moldy|mildew\\w*|chipped|snapped|peeling|frayed|unravel\\w*|(coming|came) (undone|off|loose|apart)|fell off|fall(s|ing)? off|fell out|pilling|bled|bleeding|flicker\\w*|buzz(es|ing)|dud|doa|dead on arrival|smells? (off|bad|weird|funny)|separated|expired|shrunk|shrank|loose (stone|thread|button|stitching)|turned my \\w+ green|tarnish\\w*|rust\\w*|crooked|poor quality|bad quality|cheaply made|leaks|dripping|spilled|spilt|dent|warped|split|burst|punctured|seal (was |is )?(broken|open)|tampered|stale|mould|mouldy|chip|chips|scuffed|scuffs|shards|fragments|crumbled|melted|spoiled|spoilt|rotten|rancid|gone off|infested|bugs|insects|contaminated|deflat\\w*|gave way|fell to (bits|pieces)|squeak\\w*|rattl\\w*|grinding noise|strange noise|noise|past (its|the) (best before|expiry|use by)|(won'?t|doesn'?t|does not|will not|didn'?t|stopped) (start|heat|brew|grind|charge|switch on|turn on|light up|hold|close|lock|seal)|dead|(too|super|very|extremely|really) hot|overheat\\w*|catch(es)? fire|died|dies|(only|just) (works|plays|sounds|charges) (on|from|in|with)|turned (dark|brown|yellow|black|orange|green)|smells? [^.?!]{0,12}(weird|off|bad|funny|strange|rancid)|no (bolts|screws|hardware|instructions|parts|legs)|missing (the )?(bag of )?(hardware|bolts|screws|legs)|gone (green|black|dull|brown)|unglued|come unstuck|rubbed off|wore off|worn off|(stone|stones|pearl|gem|bead|beads|charm|clasp|setting)s? (has |have )?(already )?(fallen|fell|come|came|dropped) (out|off)|cuts out|keeps cutting out|seal[^.?!]{0,20}\\b(open|broken)|rash|allergic reaction|reaction to|hives|irritation|itchy)\\b",
    ),
    negatable: true,
  },
  {
    intent: 'damaged',
    weight: 3.5,
    label: 'wrong or missing item',
    re: R(
      "\\b(wrong (item|items|size|colou?r|product|order|one|thing|model|shoes|jacket|scent|flavou?r|variant|style|pair|design|version)|not what i ordered|isn'?t what i ordered|sent (me )?the wrong|received the wrong|got the wrong|(received|got|sent me|came with) (someone else'?s|another (person|customer)'?s)|missing (a |an |one |two |the )?(part|piece|pieces|item|items|strap|lid|screws?|parts|belt|cable|charger|sheet|pillowcases?|toner|bottle)|(item|items|piece|pieces|part|parts|one|half|rest|the \\w+|a \\w+|\\d+ \\w+) (is |are |was |were )?(missing|not in the (box|package|parcel))|(there was|there were|it had|it contained|box had) only|\\bonly \\d+ [^.?!]{0,30}\\bshould (be|have been) \\d+|(used|worn|returned|second-?hand|opened) (item|one|product)|tags? (were |was )?(cut|removed)|(wasn'?t|weren'?t|was not|were not) in the (box|package|parcel)|only (got|received|had|found|\\d+ of|one of|two of|some of) |only \\d+ (were|was|came|arrived)|(ordered|paid for) [^.?!]{1,60}\\b(but|and) (received|got|i got|they sent|you sent|came|the box had)|instead of (the |my |a )?\\w+ i ordered|(filled|packed|labell?ed|sent) wrong|(slip|label|tag|box)[^.?!]{0,20} says)\\b",
    ),
  },
  {
    intent: 'damaged',
    weight: 2,
    label: 'wrong something',
    re: R(
      '\\bwrong (?!(with|address|adress|addr|house|door|neighbou?r|building|flat|apartment|unit|street|zip|postcode|city|state|country|person|email|card|amount|size i|way))\\w+|\\b(received|got|sent|came with) [^.?!]{1,40}\\binstead of\\b',
    ),
  },
  {
    intent: 'damaged',
    weight: 1.5,
    label: 'replacement',
    re: R(
      '\\b(replacement|replace (it|them|this|the \\w+)|send (me )?(a )?(new|another|matching|the right|the correct)|right one|correct one|under warranty|covered by (the )?warranty|what are you going to do)\\b',
    ),
  },

  // --- return or exchange ---
  {
    intent: 'return_exchange',
    weight: 3,
    label: 'return it',
    re: R(
      '\\b((?<!(my|the|your|this|that) )returns?|returning|retrun|retun|send (it|this|them|these|those|one|the \\w+|the other \\w+|\\w+ of them) back|send back|sending (it|them|the \\w+|the other \\w+) back|ship (it|this|them) back|mail (it|them) back|take (it|them) back|give (it|them) back|rma)\\b(?! to sender)',
    ),
    negatable: true,
  },
  {
    intent: 'return_exchange',
    weight: 2,
    label: 'return sent',
    re: R('\\b(returned|sent (it|them|\\w+) back|my return|the return|returns portal)\\b'),
  },
  {
    intent: 'return_exchange',
    weight: 3.5,
    label: 'exchange',
    re: R(
      '\\b((?<!in )exchange|exchanges|exchanging|swap|swapping|switch (it|them|to)|trade (it|them)? ?(in|for)|replace (it|them) with)\\b(?! for (content|a post|posts|promotion|exposure))',
    ),
    negatable: true,
  },
  {
    intent: 'return_exchange',
    weight: 3,
    label: 'fit or size',
    re: R(
      "\\b(too (small|big|large|tight|loose|short|long|narrow|wide)|doesn'?t fit|didn'?t fit|does not fit|don'?t fit|not fit|(a|one|half a) size (up|down|bigger|smaller)|(bigger|smaller|larger|different) (size|colou?r|one))\\b",
    ),
  },
  {
    intent: 'return_exchange',
    weight: 2.5,
    label: 'return label or policy',
    re: R(
      '\\b(return (label|policy|window|process|shipping|slip|form|request|address)|prepaid label|shipping label to return|label|qr code|drop (it )?off|packing slip)\\b',
    ),
  },
  {
    intent: 'return_exchange',
    weight: 2.5,
    label: 'unused, tags on',
    re: R(
      '\\b(unworn|unused|unopened|never (been )?(worn|used|opened)|tags? (still )?(on|attached)|with (the )?tags|original (packaging|box|condition)|still (sealed|in the (box|packaging|bag))|restocking fee|within (the )?\\d+ days|how long do i have|return (period|deadline)|send (it|them|this) (back|in)|post (it|them) back|bring (it|them) back|get (a|the) (different|other|bigger|smaller|larger) (size|one|colou?r))\\b',
    ),
  },
  {
    intent: 'return_exchange',
    weight: 1.5,
    label: "doesn't suit",
    re: R(
      "\\b(don'?t like|didn'?t like|not happy with (the )?(fit|colou?r|size|look)|looks different|not as (pictured|described)|changed my mind about|not for me|not my style|keeping the|not what i expected|doesn'?t suit|does not suit|(doesn'?t|does not|didn'?t|won'?t) (like|use|eat|wear) (it|them)|ordered the wrong size)\\b",
    ),
  },

  // --- refund ---
  {
    intent: 'refund',
    weight: 3,
    label: 'refund',
    re: R(
      '\\b(refund|refunds|refunded|refunding|refnd|refud|reimburse\\w*|money back|my money|full amount back|chargeback|charge back|dispute)\\b',
    ),
    negatable: true,
  },
  {
    intent: 'refund',
    weight: 4,
    label: 'refund not arrived',
    re: R(
      "\\b(haven'?t|have not|not|never|still not|still haven'?t|didn'?t|did not)( yet)? (received|got|gotten|seen|had) (my |the |a |any )?(refund|money|credit|reimbursement)|\\b(money|refund|credit) (hasn'?t|has not|never|to) (come|came|arrived|shown|show|appeared|been (returned|sent|issued))|\\b(where is|where'?s|status of|when will i (get|see|receive)) (my |the )?(refund|money)|\\b(refund|money) (for|from) (my|the) return(ed)?\\b|\\bstill nothing (on|in) my (card|account|statement|bank)|\\b(charge|money|payment)( is| was)? still (on|showing|pending)|\\bmoney (still )?(left|taken from|gone from|debited from|came out of) my|\\bmoney (is )?(not|still not|never) (in|back in|on) my|\\b(get|have) (the )?(£|\\$|€)\\s?\\d+(\\.\\d\\d)? back|\\b(be |get |been )?reversed\\b|\\bwhere('?s| is) my (\\$|£|€)?\\d|\\b(update on|status of|where is|where'?s) (the|my) (money|reimbursement)|\\b(file|filing|open|opening) a (chargeback|dispute|claim with my bank)",
    ),
  },
  {
    intent: 'refund',
    weight: 3,
    label: 'billing problem',
    re: R(
      '\\b(charged twice|double charged|charged me twice|overcharged|over charged|billed twice|duplicate charge|wrong amount|charged (the )?wrong|unauthori[sz]ed charge|credit (it )?back|credited back|still charged|charged (again|for|me)|pending charge|charge (is )?(still )?(showing|pending)|(card|bank|account|paypal|statement) (says|shows|was charged)|(fee|difference|shipping|amount|tax) back|price adjustment|original payment( method)?|honou?r the (sale|discount|price)|(sale|discount|\\d+% off|promo)[^.?!]{0,40}\\b(i (already )?bought|after i (bought|ordered|paid)|before (it|the sale))|(charged|paid) (sales )?tax)\\b',
    ),
  },
  {
    intent: 'refund',
    weight: 1,
    label: 'money words',
    re: R('\\b(money|bank|paypal|payment|charge|charged|paid|\\$\\s?\\d+|\\d+\\s?(usd|eur|gbp|dollars|euros)|£\\s?\\d+|€\\s?\\d+)\\b'),
  },

  // --- cancel ---
  {
    intent: 'cancel',
    weight: 5.5,
    label: 'cancel',
    re: R(
      `\\b(cancel|cancle|(?<!(after|since|already|was|been|when i|i|you|had|have|by) )cancell?ing|cancell?ation|cancelation|cancl|canel|cancer my order)\\b${NOT_AN_ORDER}`,
    ),
    negatable: true,
  },
  // "It was cancelled" is context (a refund question); "I want it cancelled" is a request.
  {
    intent: 'cancel',
    weight: 5.5,
    label: 'have it cancelled',
    re: R('\\b(want|need|like|have|get|please|pls|be|it) (it |this |the order |my order |them )?cancell?ed\\b'),
  },
  { intent: 'cancel', weight: 1.5, label: 'cancelled', re: R('\\bcancell?ed\\b') },
  {
    intent: 'cancel',
    weight: 3,
    label: 'stop the order',
    re: R(
      "\\b(stop (the|my|this) (order|shipment)|call off|void (the|my) order|withdraw (my|the) order|(remove|take off|take out|drop)( the| this| my| these| those)?( \\w+){1,3} (from|off) (my|the|this) order|\\btake (off|out) the|void (it|this|my|the)|rather not have (it|this|them)|don'?t (ship|send|process)|do not (ship|send|process)|dont (ship|send|process)|hold off on shipping|stop (it|this|them) from (going out|shipping|being (sent|shipped))|(stop|halt|scrap|void|kill) (my|the|this) (order|subscription|deliveries|shipments)|stop (sending|shipping)( me)? (the |my |a )?(box|boxes|order|orders|subscription|deliveries|shipments|package|parcel|it)\\b|(don'?t|do not) (want|need) (it|this|them|the \\w+)( anymore| any more)?\\b(?! to)|no longer (required|needed|wanted)|(undo|reverse|retract|back out of) (my|the|this) (order|purchase)|(don'?t|do not|no longer) wish to (proceed|receive|continue)|(end|pause|skip) (my|the|this) (subscription|plan|membership)|forget (about )?(the|my) order|(don'?t|do not) renew|ordered (it |this )?(by mistake|twice|accidentally|the wrong)|accidentally ordered|duplicate order|placed (it|the order|my order) twice|no longer (want|need)|don'?t (want|need) (it|the order|this order|them) (anymore|any more)|changed my mind)\\b",
    ),
  },
  { intent: 'cancel', weight: 1.5, label: 'a mistake', re: R('\\b(made a mistake|by mistake|start over|mistakenly)\\b') },

  // --- address change ---
  {
    intent: 'address_change',
    weight: 4,
    label: 'change the address',
    re: R(
      '\\b(change|changing|update|updating|correct|correcting|fix|fixing|edit|amend|modify|wrong|typo in|typo on|mistake in|mistake on|misspelled|incorrect|old|new|different|entered the wrong|put the wrong|used my old|forgot( my)?|missing( my| the)?|add( my| the)?)( my| the| our| a)?( shipping| delivery| postal| mailing| street| home)? (address|adress|addres|addy|addr|zip|zip code|zipcode|postcode|postal code|post code|apartment number|apt number|apt|unit number|unit|house number|suite|street|street name|city|state|country|flat number)\\b',
    ),
  },
  {
    intent: 'address_change',
    weight: 4,
    label: 'address is wrong',
    re: R(
      '\\b(address|adress|addr|zip|zip code|postcode|postal code|apt|apartment|unit|house|street|flat) (number |name |line )?(is |was |on (my|the) order is )?(missing|wrong|incorrect|incomplete|misspelled|spelled wrong|not right|outdated)\\b|\\b(spelled|typed|wrote|entered|put|selected) (my )?(street|address|zip|city|state|country|postcode|unit|apt)[^.?!]{0,10}\\b(wrong|incorrectly)|\\b(use|send it to|ship it to) this (one|address)|\\baddress on file\\b',
    ),
  },
  {
    intent: 'address_change',
    weight: 3,
    label: 'ship somewhere else',
    re: R(
      "\\b(ship|send|deliver|redirect|reroute|re-route|go|goes|sent|shipped|delivered) (it |them |the order |my order |the package |the parcel |order \\S+ |#?\\d{3,} )?(to )?(a |my |the |her |his )?(different|new|another|other|work|office|parents'?|mom'?s|moms|mum'?s|sister'?s|brother'?s|friend'?s|neighbou?r'?s|neighbou?r|hotel|dorm|locker|po box|ups store|access point|pickup point|pick-?up location|fedex office|parcel ?shop|collection point|post office) ?(address|place|location|house|home|office|instead)?\\b|\\binstead of (my|the) (home|house|address)\\b|\\bchange where (it|my|our|the|this)\\b|\\b(deliver|send|ship)[^.?!]{0,60}\\bnot (to )?(building|the old|my old|the office|my office|the house|our old)|\\b(office|we|i) (has |have )?moved since|\\b(change|switch) it to (a |the )?(parcel ?shop|collection point|pickup point|locker|post office)|\\bgoing to (the|my|our) (new|old) (address|house|place|flat)",
    ),
  },
  {
    intent: 'address_change',
    weight: 2.5,
    label: 'address given',
    re: R(
      '\\b((?<!(email|e-mail|ip|web|mail) )address|adress|addres|addr|zip|zipcode|zip code|postcode|postal code|apt|apartment|unit|suite|house number|street name|po box)\\b|\\bredirect|\\bhold it at\\b',
    ),
  },
  {
    intent: 'address_change',
    weight: 2.5,
    label: 'street address',
    re: R(
      '\\b\\d+[a-z]? ([a-z]+ ){1,2}(st|street|ave|avenue|rd|road|ln|lane|blvd|boulevard|dr|drive|ct|court|way|pl|place|hwy|terrace|crescent|close|strasse|str)\\b|\\b(rue|calle|avenida|via|rua) [a-z]|\\b[a-z]+(strasse|str\\.|weg|platz|gasse) \\d',
    ),
  },
  {
    intent: 'address_change',
    weight: 1.5,
    label: 'moved',
    re: R(
      "\\b(i moved|i'?m moving|we moved|we'?re moving|just moved|relocated|won'?t be (home|there)|not (be )?home|nobody'?s home|nobody will be|away (all|next|for))\\b",
    ),
  },

  // --- other: questions that are not about an existing order's problem ---
  {
    intent: 'other',
    weight: 2,
    label: 'product or store question',
    re: R(
      "\\b(discount|coupon|promo code|promo|voucher|code (didn'?t|doesn'?t|does not|isn'?t|won'?t) work|sale|restock|back in stock|in stock|pre-?order|size (guide|chart)|which size|what size|sizing|do you (sell|ship|have|make|carry|offer)|wholesale|collab\\w*|partnership|influencer|creator|followers|pr package|gift card|gift wrap|care instructions|how (do i|to) (wash|clean|care)|material|made of|ingredients|newsletter|unsubscribe|subscription|account|password|log ?in|loyalty|points|rewards|referral|review|job|hiring|store hours|retail store|press)\\b",
    ),
  },
  {
    intent: 'other',
    weight: 3,
    label: 'pre-purchase sizing or broken link',
    re: R(
      "\\b(should i size (up|down)|how do (they|these|the \\w+) (run|fit)|between (a |an )?(size )?\\d+(\\.5)? and|(link|code|website|site|page|checkout|app|button)( in the \\w+)? (is |was )?(broken|not working|doesn'?t work|isn'?t working|won'?t work))",
    ),
  },
  {
    intent: 'other',
    weight: 4,
    label: 'question before buying',
    re: R(
      '\\b(before i (buy|order|purchase)|if i (order|buy|purchase)|thinking (of|about) (buying|ordering)|planning to (buy|order)|will (it|they) (tarnish|shrink|fade|stretch|fit)|is (it|the \\w+) (real|waterproof|dishwasher|machine washable|safe|vegan)|price match|(how do i|how to|how can i) (measure|find out|work out|know) (my )?(ring |shoe |dress )?size|would (it|this|they|the \\w+) suit|do gift cards expire|contains? (any )?(nuts?|nut products|gluten|dairy|soy|allergens?|lactose)|suitable for (babies|kids|children|toddlers|pregnan\\w*|vegans?)|age (range|suitable))\\b',
    ),
  },
  {
    intent: 'other',
    weight: 4,
    label: 'stock, warranty, site or mailing list',
    re: R(
      "\\b(back in stock|restock\\w*|coming back|register (my|the|for)|registration|unsubscrib\\w*|stop (sending|texting|emailing) me (emails|texts|messages|newsletters|offers|promos|marketing)|stop texting me|take me off|mailing list|seo|backlinks|free audit|reply yes|never (got|received) (the|my|a|any) (discount|code|\\d+% off|welcome)|(website|site|menu|app|page|checkout)[^.?!]{0,30}\\b(won'?t|doesn'?t|isn'?t|not working|broken|unusable|crash\\w*|404))",
    ),
  },
  // --- terse status requests: an order number and a status word, in either order ---
  {
    intent: 'wismo',
    weight: 4,
    label: 'order number and status',
    re: R(
      '#?\\d{3,} ?[-:,.]? ?(status|update|updates|eta|tracking|shipped|ship|current status|updt)\\b|\\b(status|update|updates|updt|eta|tracking|track)( (check|update|please|pls|plz|on|of|for|number|for order|on order|of order))*[ :,\\-–]*(order |purchase )?(no\\.? |number )?#?\\d{3,}|#?\\d{3,} ?(\\?\\?|where\\b|wher\\b|when\\b)|^ ?(order ?)?#?\\d{3,} ?\\?+ ?$',
    ),
  },
  // --- refund status: the thing waited for is money, not the parcel ---
  {
    intent: 'refund',
    weight: 5,
    label: 'waiting for a refund or compensation',
    re: R(
      "\\b(still waiting|waiting|wait|status|update|news|where'?s|where is|when|yet|haven'?t|hasn'?t|no sign of|check(ing)? on|chase|promised|offered|agreed)\\b[^.?!]{0,40}\\b(refund|refnd|refunds|compensation|reimbursement|money back|partial refund|store credit|my money|the difference|that money)\\b|\\b(refund|refnd|compensation|reimbursement)\\b[^.?!]{0,30}\\b(status|update|yet|still|pending|hasn'?t|haven'?t|never|not (yet|shown|come|arrived|in)|went through|post)\\b",
    ),
  },
  {
    intent: 'refund',
    weight: 5,
    label: 'money taken for an order that failed or doubled',
    re: R(
      "\\b(charged|took (my|the) money|payment (went through|was taken)|money (was )?taken)\\b[^.?!]{0,50}\\b(but|never|failed|didn'?t go through|twice|two times|2x|double|cancell?ed)\\b|\\b(payment|charge|money)\\b[^.?!]{0,30}\\b(twice|two times|2x|double)\\b|\\b(take|took|taken) the money two times",
    ),
  },
  {
    intent: 'refund',
    weight: 7.5,
    label: 'charged again or still charged',
    re: R(
      "\\b(still|again|you'?ve|you have)\\b[^.?!]{0,15}\\b(charged|taken|billed|took)\\b|\\bcharged (me )?again\\b|\\b(want|need|get) (that|it|my \\$?\\d*|the money) (back|refunded)\\b",
    ),
  },
  {
    intent: 'wismo',
    weight: 3,
    label: 'has it gone out, when is it coming',
    re: R(
      "\\b(go|gone|went) out yet\\b|\\b(situation|state|progress) of (my|the) (order|package|parcel|purchase)|\\bwhen (my|the) (order|package|parcel|stuff) will (be )?(send|sent|ship|shipped|arrive|come|delivered)|\\bhold ?up on\\b|\\b(is|are) (my order|my package|it|they) coming\\b|\\bwhen (it'?s|it is|they'?re) coming\\b|\\bdelivery attempt(ed)?\\b|\\btry (again|to deliver)\\b",
    ),
  },
  {
    intent: 'wismo',
    weight: 1.5,
    label: 'ordered a while ago',
    re: R('\\bordered\\b[^.?!]{0,40}\\b(ago|on (mon|tues|wednes|thurs|fri|satur|sun)day|last (week|month))\\b'),
  },
  {
    intent: 'not_received',
    weight: 4.5,
    label: 'delivered somewhere else',
    re: R(
      '\\bdelivered to (an?|some) (\\w+ )?(address|house|city|town|building|locker|flat|apartment)\\b|\\b(tracking|it|courier|post|carrier) (say|write|writes|wrote|show)s?( it)?( is| was| as)? (delivered|deliverd)\\b',
    ),
  },
  {
    intent: 'refund',
    weight: 6,
    label: 'money for a cancelled order',
    re: R(
      '\\b(cancell?ed|canceled|you cancel(led)? it)\\b[^.?!]{0,40}\\b(money|\\$\\$|holding|refund)|\\b(money back|my money|\\$\\$ back)\\b[^.?!]{0,40}\\b(you cancel\\w*|cancell?ed|canceled)\\b',
    ),
  },
  { intent: 'damaged', weight: 2.5, label: 'something is missing', re: R('\\b(is|are|was|were) missing\\b') },
  {
    intent: 'other',
    weight: 3,
    label: 'arrived fine, thanks',
    re: R(
      '\\b(thanks|thank you|thx)( \\w+){0,3} (fast|quick|speedy) (shipping|delivery)|\\b(arrived?|came) (perfect|perfectly|great|safe|safely|quickly)|\\beverything (arrived?|came) (perfect|fine|great)|\\byour (shipping|delivery) (rates|page|policy|times)\\b',
    ),
  },
  // --- out of scope: not a request about an existing order ---
  {
    intent: 'other',
    weight: 7,
    label: 'newsletter, subscription, account or marketing messages',
    re: R(
      `\\b(?:cancel\\w*|cancle|stop|pause|skip|end|close|delete|deactivate|remove me from|turn off|opt out of)(?: next month'?s)?${NOT_ORDER_MODIFIERS}(?: \\w+)? ${NOT_ORDER_NOUN}|\\b(unsubscrib\\w*|newsletters?|mailing list|marketing (emails|texts)|promo(tional)? (emails|texts)|stop (texting|emailing|spamming)|spamming|text alerts|reminder emails)\\b|^ ?stop ?$`,
    ),
  },
  {
    intent: 'other',
    weight: 6,
    label: 'payment method or declined card',
    re: R(
      "\\b(card|cards|payment|paypal|apple pay|google pay|klarna|afterpay|maestro|visa|transaction)\\b[^.?!]{0,25}\\b(declined|refused|rejected|failed|fails|failing|not (going through|working|accepted)|isn'?t working|won'?t go through)\\b|\\b(?<!original )(payment|pay) (methods|options?|plan)\\b|\\b(what|which|update|change|other) (my )?payment method|\\bpay (with|by|using|in installments|in 4|cash|later)\\b|\\b(accept|take) (paypal|klarna|afterpay|apple pay|google pay|amex|american express|visa|mastercard|crypto|bitcoin|cash|bank transfer|debit|credit|maestro)|\\b(which|what) (cards|payment)|\\bcash on delivery|\\bsaved card|\\binstall?ments?\\b|\\bpay later\\b",
    ),
  },
  {
    intent: 'other',
    weight: 6,
    label: 'shipping options or countries',
    re: R(
      "\\b(do|does) (you|u|ya|y'?all)( guys)? (ship|deliver|send|post)( internationally| overseas| abroad| to| in)\\b|\\b(which|what) countries\\b|\\bwhere do you ship\\b|\\bwhere do you ship from\\b|\\b(shipping|delivery|postage) (costs?|rates?|fees?|prices?|charges?) (to|for|in) (?!my|the order|it|this)|\\b(shipping|delivery) options\\b|\\bhow much (is|does|for|would|to) [^.?!]{0,15}(shipping|delivery|postage)\\b|\\bdo you (offer|have|do) (free|express|international|next[- ]day|overnight) (shipping|delivery)|\\bis (shipping|delivery) free\\b|\\bship to (a )?(po box|apo)|\\bdo i (have to )?pay (import )?(duties|customs|taxes)|\\bimport (fees|tax)\\b|\\bhow long (does|do|is|will) (shipping|delivery) (usually|normally|typically)\\b|\\b(what|which) carriers?\\b|\\bminimum (order )?for free\\b",
    ),
  },
  {
    intent: 'other',
    weight: 6,
    label: 'invoice, receipt or account',
    re: R(
      '\\b(invoice|invoices|vat|tax number|proof of purchase)\\b|\\b(copy of|need|send me|get|lost) (a |my |the )?receipt\\b|\\b(log ?in|sign ?in|password|login link|create an account|account (is )?(locked|blocked)|(delete|close|deactivate|log into|into) (my |the )?account|gdpr|reset (email|link))\\b',
    ),
  },
  {
    intent: 'other',
    weight: 6,
    label: 'how to order, contact hours or location',
    re: R(
      '\\bhow (do|can|would|should) (i|we|you) (place|make|put in|submit) (an? |my )?(new )?order\\b|\\bhow (do|can) (i|u) (order|buy|purchase)\\b|\\b(order|buy|purchase) (by|over the|on the) (phone|email)\\b|\\bcan i order (by|over|on)\\b|\\bbulk (order|discount)\\b|\\badd to cart\\b|\\border button\\b|\\bpick (it )?up in store\\b|\\b(opening|business|office|support|customer service|service|phone) (hours|times)\\b|\\bhours (are you|of operation)\\b|\\bwhat time (are|do) you (open|close)\\b|\\b(are|r) (you|u)( guys)? open\\b|\\bwhen (are|r) (you|u)( guys)? open\\b|\\bopen (on|tomorrow|today)\\b|\\bphone number\\b|\\bcan i (call|talk to|speak to)\\b|\\breal person\\b|\\breach a human\\b|\\bwhere are you located\\b|\\bstore located\\b',
    ),
  },
  {
    intent: 'other',
    weight: 7,
    label: 'cancellation policy or a question before buying',
    re: R(
      '\\bcancell?ations? (policy|policies|fee|fees|window|terms|period)\\b|\\b(do|can|will) (you|u) (allow|accept|take|do) cancell?ations\\b|\\bhow long do (i|we) have to cancel\\b|\\bcancel (anytime|at any time)\\b|\\bcan (i|you|u|we) cancel (an|a) order (after|once|if)\\b[^.?!]{0,40}[?!.,]? ?[^.?!]{0,20}\\b(before (i|we) (buy|order|purchase)|thinking (of|about) (buying|ordering))',
    ),
  },
  {
    intent: 'other',
    weight: 4,
    label: 'a button or link on the site',
    re: R(
      "\\b(button|cart|link|checkout|site|website|app|page)[^.?!]{0,20}\\b(doesnt|doesn'?t|does not|won'?t|wont|isn'?t|isnt|is not|not) (work|working|load|loading|click)",
    ),
  },
  {
    intent: 'other',
    weight: 1.5,
    label: 'thanks or praise',
    re: R(
      '\\b(thank you so much|thanks so much|love (it|them|the)|great service|amazing|arrived (safely|today|yesterday|fine|perfectly)|got it today|received it today|just wanted to say)\\b',
    ),
  },
];

/** A cue is negated when a negation sits just before it: "I don't want to cancel". */
export const NEGATION_BEFORE =
  /\b(don'?t|do not|dont|doesn'?t|didn'?t|did not|not|never|no need to|no longer|without|isn'?t|wasn'?t|nothing)\b(?:\s+\S+){0,3}\s*$/i;

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
