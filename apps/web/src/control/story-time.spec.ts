import { gameMinuteToStory, parseHhMm, storyToGameTime } from './story-time';

describe('story time and game time', () => {
  it('parses HH:MM', () => {
    expect(parseHhMm('09:05')).toBe(545);
    expect(parseHhMm(' 9:30 ')).toBe(570);
    expect(parseHhMm('9:60')).toBeNull();
    expect(parseHhMm('nine')).toBeNull();
  });

  it('converts a story time to the game time the server takes', () => {
    expect(storyToGameTime('09:25', 540)).toBe('00:25');
    expect(storyToGameTime('13:05', 540)).toBe('04:05');
    expect(storyToGameTime('08:59', 540)).toBeNull();
    expect(storyToGameTime('00:25', undefined)).toBe('00:25');
    expect(storyToGameTime('x', 540)).toBeNull();
  });

  it('shows a game minute in story time', () => {
    expect(gameMinuteToStory(25, 540)).toBe('09:25');
    expect(gameMinuteToStory(25, undefined)).toBe('00:25');
  });
});
