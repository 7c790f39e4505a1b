package segment

// Spanish abbreviations (see rules_en.go for the kinds). "EE" is a title so
// that "EE. UU." never breaks inside; "UU" then behaves like "U.S.".
var abbrevES = abbrevTable{
	title: `sr sra srta sres sras srs dr dra dres dras lic lcdo lcda ing arq prof
		profa d dña ud uds vd vds excmo excma ilmo ilma mons pbro fr sto sta gral
		cnel tte sgto mtro mtra mt st ee rvdo rvda`,
	ordinary: `etc pág págs p pp núm n no nº n° art arts cap caps párr párrf párrs
		fig figs vol vols tel teléf tlf ext av avda c cía cra cll cl kr tv dg admón aprox apdo dpto depto
		ej ed edit col min máx mín hs hrs seg km kg cm mm ml gr ene feb mar abr may
		jun jul ago sep sept set oct nov dic lun miér mié jue vie sáb dom atte ppal
		gob univ op cit ibíd ib id sig sigs pról trad coord dir esq izq dcha
		cf bco s.a s.l a.c d.c cia ltda`,
	never: `vs cfr cf i.e e.g p.ej`,
	multi: `uu ee.uu u.s e.u a.m p.m`,
}

var startersES = `A Al Algunos Algunas Allí Ante Antes Aquí Así Aunque Ayer Cada Casi Como
	Con Contra Cuando Cómo Cuál Cuáles Cuánto Dado De Del Desde Después Donde
	Dónde Durante El Él Ella Ellas Ellos En Entonces Entre Era Es Esa Esas Ese
	Eso Esos Esta Está Estas Este Esto Estos Fue Hace Hasta Hay Hoy La Las Le
	Les Lo Los Luego Mañana Más Me Mi Mientras Muchos Muy Nada Ni Ninguno No
	Nos Nosotros Nuestro Nuestra O Otra Otro Para Pero Por Porque Pues Qué Que
	Quien Quién Se Según Sería Si Sí Sin Sobre Su Sus Tal También Tampoco Tanto
	Todo Todos Tras Tu Un Una Unas Uno Unos Usted Ustedes Y Ya Yo
	Nunca Siempre Ahora Además Sin Tampoco Ojalá Quizás Ya Nadie Alguien Todas Varios Varias Mucho Poco Primero Finalmente Sólo Solo Otros Otras`
