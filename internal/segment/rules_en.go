package segment

// English abbreviations. Titles precede names; ordinary ones may end a
// sentence; multi-part ones (written with inner periods) are recognised
// structurally and need no entry unless they behave differently.
var abbrevEN = abbrevTable{
	title: `mr mrs ms mx dr drs prof profs rev hon messrs mmes mme mlle mt ft st
		sen sens rep reps gov gen lt col capt cmdr sgt cpl pvt adm maj brig pres
		supt insp det fr msgr rt gens adj asst cdr comdr
		sra sras srta dra dras`, // Spanish and Portuguese titles in English text ("Dra. Paulina Ceballos")
	ordinary: `etc co corp inc ltd llc plc bros jr sr esq dept univ assn est approx
		misc vol vols no nos p pp para paras art arts fig figs ch chap sec sect ed
		eds trans ca al min max hr hrs mins secs oz lb lbs mi yd yds tel ext ave
		blvd rd hwy jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues
		wed thu thur thurs fri sat sun dist govt intl natl mfg mgr op cit ibid
		resp incl excl avg pct tbsp tsp qt gal cal sq cu pl sing def nr n° nº
		div ref refs jour bn mn tn`, // "$2.3 bn. in 2025"
	never: `e.g i.e vs cf viz a.k.a eg ie`,
	multi: `u.s u.k u.n e.u a.m p.m`,
}

// exactEN: capitalised A.M./P.M. are written at the end of a time and end the
// sentence before a capital ("at 6 P.M. Mr. Smith left"), unlike "a.m.".
var exactEN = map[string]abbrKind{"A.M": abbrOrdinary, "P.M": abbrOrdinary}

var startersEN = `A About Above According After Again Against All Almost Also Although
	Among An And Another Any Anyway Are As At Back Because Before Being Both But By
	Can Could Did Do Does Despite During Each Either Even Every Everyone
	Few For From Had Has Have He Her Here Hers His How However I If In
	Indeed Instead Into Is It Its Just Last Later Let Like Many May Meanwhile
	Men More Moreover Most Much My Neither Never Nevertheless Next No None Nor
	Not Nothing Now Of Often On Once One Only Or Other Others Our Over Perhaps
	Please She Should Since So Some Someone Something Soon Still Such That The
	Their Them Then There Therefore These They This Those Though Thus To Today
	Under Unlike Until Was We Were What Whatever When Where Whether Which While
	Who Whom Whose Why Will With Within Without Would Yet You Your`

// followersEN continue a phrase after "U.S.", "U.K.", "a.m." and the like.
var followersEN = `Army Navy Air Force Forces Marine Marines Coast Guard Senate Senator Senators
	House Congress Congressman Congresswoman Representative Representatives Government
	Administration President Vice Secretary Department Embassy Ambassador Consulate Treasury
	Supreme Court Courts Attorney District Federal Postal Customs Border Patrol Open Census
	Bureau Agency Military Capitol Constitution Geological Survey Forest Service Chamber
	Trade State Defense Justice Energy Labor Commission Citizenship Immigration Olympic
	Dollar Dollars Steel Bank Marshals Central Command Southern Northern Space Mint Naval
	National Highway Interstate Intelligence Special Virgin Islands Open Parliament
	Foreign Office Home Ministry Prime Minister Cabinet Labour Conservative Conservatives
	Sen Rep Reps Gen Gov Lt Col Sgt Capt Adm Amb Atty
	Eastern Central Pacific Mountain Atlantic Alaska Hawaii Greenwich
	Monday Tuesday Wednesday Thursday Friday Saturday Sunday
	January February March April May June July August September October November December
	Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec`
