/** graphql-js's and Apollo's refusals in Catalan and Spanish (src/extensions/graphql/spec-messages.ts); see ./index.ts. */
export const GRAPHQL_MESSAGES = {
  'graphql.syntax': {
    ca: 'La consulta no és GraphQL vàlid (error de sintaxi): {detail}',
    es: 'La consulta no es GraphQL válido (error de sintaxis): {detail}',
  },
  'graphql.didYouMean': { ca: ' Potser voleu dir: {names}.', es: ' Quizá quiere decir: {names}.' },
  'graphql.unknownField': {
    ca: 'El tipus {type} no té cap camp «{field}».{hint}',
    es: 'El tipo {type} no tiene ningún campo «{field}».{hint}',
  },
  'graphql.unknownArgument': {
    ca: '{field} no té cap argument «{argument}».{hint}',
    es: '{field} no tiene ningún argumento «{argument}».{hint}',
  },
  'graphql.needsSelection': {
    ca: 'El camp «{field}» (de tipus {type}) necessita una selecció de subcamps, per exemple {field} { … }.',
    es: 'El campo «{field}» (de tipo {type}) necesita una selección de subcampos, por ejemplo {field} { … }.',
  },
  'graphql.noSelection': {
    ca: 'El camp «{field}» (de tipus {type}) no té subcamps: traieu-ne la selecció.',
    es: 'El campo «{field}» (de tipo {type}) no tiene subcampos: quite la selección.',
  },
  'graphql.argumentMissing': {
    ca: 'Falta l’argument obligatori «{argument}» (de tipus {type}) de {field}.',
    es: 'Falta el argumento obligatorio «{argument}» (de tipo {type}) de {field}.',
  },
  'graphql.unknownInputField': {
    ca: 'El tipus d’entrada {type} no té cap camp «{field}».{hint}',
    es: 'El tipo de entrada {type} no tiene ningún campo «{field}».{hint}',
  },
  'graphql.unknownType': { ca: 'No existeix cap tipus «{type}».{hint}', es: 'No existe ningún tipo «{type}».{hint}' },
  'graphql.variableMissing': {
    ca: 'Falta la variable obligatòria ${variable} (de tipus {type}).',
    es: 'Falta la variable obligatoria ${variable} (de tipo {type}).',
  },
  'graphql.variableInvalid': {
    ca: 'La variable ${variable} té un valor no vàlid, {value}: {reason}',
    es: 'La variable ${variable} tiene un valor no válido, {value}: {reason}',
  },
  'graphql.cannotRepresent': { ca: '{value} no és un valor de tipus {type}.', es: '{value} no es un valor de tipo {type}.' },
  'graphql.expectedType': {
    ca: 'S’esperava un valor de tipus {type} i s’ha trobat {value}.',
    es: 'Se esperaba un valor de tipo {type} y se ha encontrado {value}.',
  },
  'graphql.unknownEnumValue': {
    ca: 'El valor «{value}» no és cap dels de {type}.{hint}',
    es: 'El valor «{value}» no es ninguno de los de {type}.{hint}',
  },
  'graphql.operationName': {
    ca: 'La consulta té diverses operacions: digueu quina s’ha d’executar amb operationName.',
    es: 'La consulta tiene varias operaciones: indique cuál se debe ejecutar con operationName.',
  },
  'graphql.unknownOperation': { ca: 'La consulta no té cap operació «{name}».', es: 'La consulta no tiene ninguna operación «{name}».' },
  'graphql.noQuery': {
    ca: 'La petició no porta cap consulta: envieu-la al camp query.',
    es: 'La petición no lleva ninguna consulta: envíela en el campo query.',
  },
};
