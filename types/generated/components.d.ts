import type { Schema, Struct } from '@strapi/strapi';

export interface ProposalTransition extends Struct.ComponentSchema {
  collectionName: 'components_proposal_transitions';
  info: {
    description: "Qui, quan i per qu\u00E8 una proposta ha canviat d'estat";
    displayName: "Canvi d'estat";
    icon: 'arrowRight';
  };
  attributes: {
    at: Schema.Attribute.DateTime & Schema.Attribute.Required;
    by: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    from: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 30;
      }>;
    note: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 5000;
      }>;
    to: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 30;
      }>;
  };
}

export interface RecordingCaption extends Struct.ComponentSchema {
  collectionName: 'components_recording_captions';
  info: {
    description: 'Un fitxer de subt\u00EDtols WebVTT (.vtt) de la gravaci\u00F3, en un idioma; es comprova en desar';
    displayName: 'Subt\u00EDtols';
    icon: 'message';
  };
  attributes: {
    file: Schema.Attribute.Media<'files'> & Schema.Attribute.Required;
    language: Schema.Attribute.Enumeration<['ca', 'es', 'en']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'ca'>;
  };
}

export interface RecordingChapter extends Struct.ComponentSchema {
  collectionName: 'components_recording_chapters';
  info: {
    description: 'Punt de la gravaci\u00F3 on comen\u00E7a un tema';
    displayName: 'Cap\u00EDtol';
    icon: 'clock';
  };
  attributes: {
    startsAtSecond: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    title: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

export interface SharedSpeaker extends Struct.ComponentSchema {
  collectionName: 'components_shared_speakers';
  info: {
    description: 'Persona que presenta la sessi\u00F3';
    displayName: 'Ponent';
    icon: 'user';
  };
  attributes: {
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 150;
      }>;
    organization: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 150;
      }>;
    role: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 150;
      }>;
  };
}

export interface SurveyOption extends Struct.ComponentSchema {
  collectionName: 'components_survey_options';
  info: {
    description: "Una resposta possible d'una pregunta d'opcions";
    displayName: 'Opci\u00F3';
    icon: 'bulletList';
  };
  attributes: {
    labelCa: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    labelEs: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    value: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 40;
      }>;
  };
}

export interface SurveyQuestion extends Struct.ComponentSchema {
  collectionName: 'components_survey_questions';
  info: {
    description: "Una pregunta de l'enquesta: clau estable, tipus i text en catal\u00E0 i castell\u00E0";
    displayName: 'Pregunta';
    icon: 'question';
  };
  attributes: {
    key: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 40;
      }>;
    kind: Schema.Attribute.Enumeration<['scale', 'choice', 'text']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'scale'>;
    labelCa: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    labelEs: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    maxLabelCa: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 100;
      }>;
    maxLabelEs: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 100;
      }>;
    minLabelCa: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 100;
      }>;
    minLabelEs: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 100;
      }>;
    options: Schema.Attribute.Component<'survey.option', true>;
    required: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<true>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'proposal.transition': ProposalTransition;
      'recording.caption': RecordingCaption;
      'recording.chapter': RecordingChapter;
      'shared.speaker': SharedSpeaker;
      'survey.option': SurveyOption;
      'survey.question': SurveyQuestion;
    }
  }
}
