/** The part of webvtt-parser (2.2) that the app uses; the package ships no types. */
declare module 'webvtt-parser' {
  export type CueNode = { type: 'text' | 'object' | 'timestamp'; name?: string; value?: string | number; children?: CueNode[] };
  export type Cue = { id: string; startTime: number; endTime: number; text: string; tree: { children: CueNode[] } };
  export type ParseError = { message: string; line: number; col?: number };
  export class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(input: string, mode?: 'metadata' | 'chapters'): { cues: Cue[]; errors: ParseError[] };
  }
}
