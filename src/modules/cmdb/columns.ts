/** The fields a CSV import reads (and the export writes), besides `attributes.<key>`. */
export const ciColumns = [
  'classKey',
  'name',
  'externalId',
  'status',
  'description',
  'owner',
  'location',
  'purchaseDate',
  'supplier',
  'cost',
  'warrantyEnd',
  'disposalDate',
] as const;

export const relationshipColumns = ['sourceClass', 'source', 'type', 'targetClass', 'target'] as const;
