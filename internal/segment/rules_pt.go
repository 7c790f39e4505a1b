package segment

// Portuguese abbreviations (see rules_en.go for the kinds).
var abbrevPT = abbrevTable{
	title: `sr sra srta srs sras dr dra drs dras prof profa profs eng arq exmo exma
		ilmo ilma v exa d pe fr gen cel cap ten sgt sto sta mt st mons revmo`,
	ordinary: `etc pág págs p pp núm n nº n° no art arts cap fig figs vol vols tel
		av r ltda cia aprox ex obs min máx mín hs km kg cm mm ml jan fev mar abr
		mai jun jul ago set out nov dez seg ter qua qui sex sáb dom depto dept
		adm admin gov univ op cit ed edit trad coord dir ref s.a a.c d.c`,
	never: `vs cf i.e e.g p.ex`,
	multi: `e.u.a u.s e.u a.m p.m`,
}

var startersPT = `A Afinal Agora Ainda Algumas Alguns Ao Aos Apesar Após Aqui As Assim
	Até Cada Com Como Contudo Da Das De Depois Desde Do Dos E Ela Elas Ele Eles
	Em Embora Enquanto Entre Então Entretanto Era Essa Essas Esse Esses Esta
	Está Estas Este Estes Eu Foi Hoje Há Isso Isto Já Lá Mas Muitos Na Nas Nem
	No Nos Nós Não Nenhum Num Numa O Onde Os Ou Para Pela Pelo Pelos Pelas Por
	Porém Porque Quando Que Quem Se Segundo Sem Sobre Também Tudo Um Uma Umas
	Uns Você Vocês É
	Nunca Sempre Agora Além Também Talvez Já Ninguém Alguém Todas Todos Vários Várias Primeiro Finalmente Só Outros Outras`
