// Common first names in Denmark, written for this module: the most frequent Danish names and the
// names most common among Danes of other origins. Lower case; matching lower-cases the candidate.
// Names that are also everyday Danish words (e.g. "per", "bent", "mark") only count when followed
// by another capitalised word, which the caller requires anyway.
const names = `
aage adam agnete ahmad ahmed aisha albert alberte alexander alfred ali alice alma amalie amanda amir ana
andrea anders andreas anette ani anita anja anke ann anna anne annette anni ansgar anton arne arthur
asger asta astrid august axel ayesha bashir benjamin bent berit birgit birgitte birthe bjarne bo bodil
britt britta camilla carina carl carla caroline casper charlotte christa christian christina christine
christoffer claus clara conny dagmar dan daniel david dennis dina dorte dorthe ebbe eigil ejner elias
elin elisabeth ella ellen elsa else emil emilie emily emma erik erika ester esther eva fatima fatma
felix filip finn flemming frank frederik freja frida frode gert gitte grethe gustav hamza hanna hanne
hans hassan heidi helene helga helle helmer henning henrik henriette herdis hussein ib ida inge inger
ingrid irene isabella jacob jakob jan jane janne jeanette jens jeppe jesper jette jimmy joachim johan
johanne johannes john jonas jonathan josefine julie julius jytte kaare kamilla karen kari karin karina
karl karoline kasper katrine kenneth kent kim kirsten kirstine klara knud kristian kristina kristine
lars laura lea lena lene leo line linea lis lisa lise lisbeth lone lotte louise lucas lukas lykke
mads magnus maja malene malte maria marianne marie mark marlene martin mathias mathilde mette michael
michelle mie mikael mikkel mille mohamed mohammad mohammed mona morten muhammad naja nanna natasha
niels nikolaj nikoline nina noah nora ole olga oliver omar oscar oskar otto palle pernille per peter
philip pia poul preben rasmus rebecca rikke rita robert ruth sara sarah sebastian signe simon sofia
sofie solveig sophia sophie stefan steen sten stig susanne svend søren tanja thomas thor thorkild
tim tina tobias tom tommy tonny tove trine troels ulla ulrik valdemar vera victor victoria viggo
vilhelm villads vibeke william winnie yasmin yusuf zainab zara ørnulf åse
`;

/** Lower-cased first names used to recognise "Firstname Lastname" pairs. */
export const firstNames: ReadonlySet<string> = new Set(names.split(/\s+/).filter(Boolean));
